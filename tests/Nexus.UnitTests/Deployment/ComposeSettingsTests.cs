using System.Text.Json;
using System.Text.RegularExpressions;

namespace Nexus.UnitTests.Deployment;

/// <summary>
/// The deployment files name only settings Nexus reads. ASP.NET Core ignores an unknown key without a word, so a
/// misspelt <c>Nexus__PublicUrll</c> in compose.yaml would leave a shop on defaults; here every <c>Section__Key</c> name in
/// compose.yaml (and the Dockerfiles' ENV) must match a configuration key the code uses: a key written in src/ (string
/// literals, interpolated parts as wildcards), an options class's <c>Section</c> plus one of its properties, or a key in
/// an appsettings.json. And the two Dockerfiles' runtime stages stay the same.
/// </summary>
internal sealed partial class ComposeSettingsTests
{
    private static readonly string Root = FindRoot();
    private static readonly Lazy<KnownSettings> Known = new(() => KnownSettings.Read(Path.Combine(Root, "src")));

    [Test]
    public void Every_setting_compose_yaml_names_is_read_by_the_code()
    {
        var names = SettingNames(File.ReadAllText(Path.Combine(Root, "compose.yaml")));
        names.Should().Contain(["Nexus__PublicUrl", "Nexus__TrustedProxies", "Redis__ConnectionString", "SubApps__licensing__HostUrl"]);
        names.Where(name => !Known.Value.Reads(name)).Should().BeEmpty("compose.yaml must name only settings Nexus reads");
    }

    [Test]
    public void Every_setting_the_dockerfiles_set_is_read_by_the_code()
    {
        foreach (var file in new[] { "Dockerfile", "deploy/container/Dockerfile.prebuilt" })
        {
            var names = SettingNames(File.ReadAllText(Path.Combine(Root, file)));
            names.Should().Contain("Nexus__DataPath", file);
            names.Where(name => !Known.Value.Reads(name)).Should().BeEmpty($"{file} must set only settings Nexus reads");
        }
    }

    [TestCase("Nexus__PublicUrll")]
    [TestCase("Nexus__DataPaths")]
    [TestCase("Redis__Connection")]
    [TestCase("Identity__Admin__Passwrd")]
    [TestCase("SubApps__licensing__Urls")]
    public void A_misspelt_setting_is_caught(string name) =>
        Known.Value.Reads(name).Should().BeFalse();

    [TestCase("Nexus__PublicUrl")]
    [TestCase("Identity__Admin__Password")]
    [TestCase("SubApps__licensing__AllowedHostOrigins__0")]
    [TestCase("Modules__Payments__Provider__WebhookSigningSecret")]
    [TestCase("ConnectionStrings__Nexus")]
    public void Settings_read_through_options_interpolation_or_appsettings_are_known(string name) =>
        Known.Value.Reads(name).Should().BeTrue();

    [Test]
    public void The_prebuilt_dockerfile_runs_the_same_runtime_stage_as_the_root_dockerfile()
    {
        static string[] RuntimeStage(string file) => File.ReadAllLines(Path.Combine(Root, file))
            .SkipWhile(line => !line.StartsWith("# --- runtime", StringComparison.Ordinal)).Skip(1)
            // The one intended difference: where /app comes from (the build stage, or the build context).
            .Select(line => line.Replace("COPY --from=build --chown=0:0 /app /app", "COPY --chown=0:0 app /app", StringComparison.Ordinal))
            .ToArray();

        var root = RuntimeStage("Dockerfile");
        root.Should().NotBeEmpty().And.Contain(line => line.StartsWith("HEALTHCHECK", StringComparison.Ordinal));
        RuntimeStage("deploy/container/Dockerfile.prebuilt").Should().Equal(root);
    }

    /// <summary>.NET configuration names in a deployment file: identifiers with <c>__</c> used as a key (<c>KEY:</c> or <c>KEY=</c>).</summary>
    private static List<string> SettingNames(string text) =>
        SettingName().Matches(text).Select(m => m.Groups["name"].Value).Where(n => !n.StartsWith("x-", StringComparison.Ordinal)).Distinct().ToList();

    [GeneratedRegex(@"(?m)(?<![A-Za-z0-9_$])(?<name>[A-Za-z][A-Za-z0-9]*(?:__[A-Za-z0-9]+)+)\s*[:=]")]
    private static partial Regex SettingName();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Nexus.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Nexus.sln not found above the test directory");
    }

    /// <summary>The configuration keys the code in src/ uses, as case-insensitive patterns over <c>:</c>-separated keys.</summary>
    private sealed partial class KnownSettings
    {
        private readonly List<Regex> patterns;

        private KnownSettings(List<Regex> patterns) => this.patterns = patterns;

        public bool Reads(string environmentName)
        {
            // Array items (Key__0) are the array's key; '__' is ':' in an environment variable's name.
            var key = TrailingIndex().Replace(environmentName.Replace("__", ":", StringComparison.Ordinal), string.Empty);
            return patterns.Exists(p => p.IsMatch(key));
        }

        public static KnownSettings Read(string src)
        {
            var patterns = new List<Regex>();
            foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories).Where(NotBuildOutput))
            {
                var code = File.ReadAllText(file);
                // Keys written out: "Nexus:PublicUrl", $"SubApps:{name}:Url" (an interpolation stands for one segment).
                foreach (Match literal in KeyLiteral().Matches(code))
                {
                    var text = literal.Groups["text"].Value;
                    var pattern = string.Join("[^:]+", Interpolation().Split(text).Select(Regex.Escape));
                    patterns.Add(new Regex($"^{pattern}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));
                }

                // Options classes: const string Section = "Identity:Admin" and the properties beside it.
                var section = SectionConstant().Match(code);
                if (section.Success)
                {
                    foreach (Match property in PublicProperty().Matches(code))
                    {
                        patterns.Add(Exact($"{section.Groups["section"].Value}:{property.Groups["name"].Value}"));
                    }
                }
            }

            foreach (var file in Directory.EnumerateFiles(src, "appsettings*.json", SearchOption.AllDirectories).Where(NotBuildOutput))
            {
                using var json = JsonDocument.Parse(File.ReadAllText(file));
                AddJsonKeys(json.RootElement, string.Empty, patterns);
            }

            return new KnownSettings(patterns);
        }

        private static bool NotBuildOutput(string path) =>
            !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal);

        private static void AddJsonKeys(JsonElement element, string prefix, List<Regex> patterns)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                patterns.Add(Exact(prefix));
                return;
            }

            foreach (var property in element.EnumerateObject())
            {
                AddJsonKeys(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}", patterns);
            }
        }

        private static Regex Exact(string key) => new($"^{Regex.Escape(key)}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        // The first segment is written out: "{host}:{port}" would otherwise match every two-part key.
        [GeneratedRegex(@"\$?""(?<text>[A-Za-z][A-Za-z0-9_.{}]*(?::[A-Za-z0-9_.{}]+)+)""")]
        private static partial Regex KeyLiteral();

        [GeneratedRegex(@"\{[^}]*\}")]
        private static partial Regex Interpolation();

        [GeneratedRegex(@"const string Section = ""(?<section>[A-Za-z0-9:]+)""")]
        private static partial Regex SectionConstant();

        [GeneratedRegex(@"public (?:required )?[A-Za-z0-9_<>?,\[\] ]+? (?<name>[A-Z][A-Za-z0-9]*) \{ get;")]
        private static partial Regex PublicProperty();

        [GeneratedRegex(@"(:\d+)+$")]
        private static partial Regex TrailingIndex();
    }
}
