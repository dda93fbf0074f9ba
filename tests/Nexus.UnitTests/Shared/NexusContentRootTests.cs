using Nexus.Shared.Hosting;

namespace Nexus.UnitTests.Shared;

/// <summary>
/// Issue 18: a published host started from another directory (a container's <c>/</c>) served its pages but 404 for
/// its CSS — the content root was the working directory. The application's folder is chosen when only it has
/// <c>wwwroot</c>; anything the operator gave wins.
/// </summary>
internal sealed class NexusContentRootTests
{
    private string work = null!;
    private string app = null!;

    [SetUp]
    public void MakeFolders()
    {
        work = Directory.CreateTempSubdirectory("nexus-cwd-").FullName;
        app = Directory.CreateTempSubdirectory("nexus-app-").FullName;
    }

    [TearDown]
    public void RemoveFolders()
    {
        Directory.Delete(work, recursive: true);
        Directory.Delete(app, recursive: true);
    }

    [Test]
    public void A_published_host_started_elsewhere_serves_from_its_own_folder()
    {
        Directory.CreateDirectory(Path.Combine(app, "wwwroot"));
        NexusContentRoot.Choose([], work, app, NoEnvironment).Should().Be(app);
    }

    [Test]
    public void A_working_directory_with_its_own_wwwroot_stays_the_content_root()
    {
        Directory.CreateDirectory(Path.Combine(app, "wwwroot"));
        Directory.CreateDirectory(Path.Combine(work, "wwwroot"));
        NexusContentRoot.Choose([], work, app, NoEnvironment).Should().BeNull();
    }

    [Test]
    public void A_build_output_without_wwwroot_keeps_the_default_as_dotnet_run_expects()
    {
        NexusContentRoot.Choose([], work, app, NoEnvironment).Should().BeNull();
    }

    [TestCase("--contentRoot=/srv/nexus")]
    [TestCase("--contentroot")]
    public void A_content_root_on_the_command_line_wins(string argument)
    {
        Directory.CreateDirectory(Path.Combine(app, "wwwroot"));
        NexusContentRoot.Choose([argument, "/srv/nexus"], work, app, NoEnvironment).Should().BeNull();
    }

    [TestCase("ASPNETCORE_CONTENTROOT")]
    [TestCase("DOTNET_CONTENTROOT")]
    public void A_content_root_in_the_environment_wins(string variable)
    {
        Directory.CreateDirectory(Path.Combine(app, "wwwroot"));
        NexusContentRoot.Choose([], work, app, name => name == variable ? "/srv/nexus" : null).Should().BeNull();
    }

    private static string? NoEnvironment(string name) => null;
}
