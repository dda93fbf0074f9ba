using Nexus.Modules.Notifications.Contracts;
using Nexus.Modules.Notifications.Email;

namespace Nexus.UnitTests.Notifications;

internal sealed class EmailTemplateRendererTests
{
    private readonly EmailTemplateRenderer renderer = new();

    [Test]
    public void Values_fill_subject_text_and_html_and_are_encoded_only_in_html()
    {
        var email = renderer.Render(EmailTemplates.ConfirmEmailChange, new Dictionary<string, string>
        {
            ["ShopName"] = "Bits & Bobs",
            ["Link"] = "https://shop.example/confirm?a=1&b=2",
            ["NewEmail"] = "<new@example.com>",
        });

        email.Subject.Should().Be("Confirm your new e-mail address for Bits & Bobs");
        email.Text.Should().Contain("You asked to use <new@example.com> for your Bits & Bobs account").And.Contain("https://shop.example/confirm?a=1&b=2");
        email.Html.Should().Contain("&lt;new@example.com&gt;").And.Contain("href=\"https://shop.example/confirm?a=1&amp;b=2\"").And.NotContain("<new@");
    }

    [Test]
    public void Every_template_named_in_the_contract_exists_and_renders()
    {
        var names = typeof(EmailTemplates).GetFields().Select(f => (string)f.GetValue(null)!).ToList();
        names.Should().NotBeEmpty();
        var values = new Dictionary<string, string> { ["ShopName"] = "S", ["Link"] = "L", ["NewEmail"] = "N", ["SignInLink"] = "I", ["ResetLink"] = "R", ["UndoLink"] = "U", ["OrderNumber"] = "NX-1", ["Items"] = "1 × Mug", ["Total"] = "$1.00", ["Shipped"] = "Everything", ["Carrier"] = "UPS", ["TrackingNumber"] = "1Z", ["TrackingLink"] = "T", ["Reason"] = "R", ["Refund"] = "F", ["Amount"] = "$1.00" };
        foreach (var name in names)
        {
            EmailTemplateRenderer.Exists(name).Should().BeTrue(name);
            renderer.Render(name, values).Subject.Should().NotBeNullOrWhiteSpace();
        }
    }

    [Test]
    public void A_missing_value_is_an_error_not_a_blank()
    {
        var render = () => renderer.Render(EmailTemplates.ResetPassword, new Dictionary<string, string> { ["ShopName"] = "S" });
        render.Should().Throw<ArgumentException>().WithMessage("*needs a value for 'Link'*");
    }
}
