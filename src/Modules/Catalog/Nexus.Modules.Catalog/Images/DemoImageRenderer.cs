using System.Security.Cryptography;
using System.Text;
using SkiaSharp;

namespace Nexus.Modules.Catalog.Images;

/// <summary>
/// The demo catalog's pictures: a deterministic image per product drawn from its SKU and name — a coloured
/// background, a lighter shape (circle, rounded square, diamond or ring, by SKU) and the name's initials in a dot
/// font. The same product always gets the same bytes, on any machine, so the URLs can be cached for a year.
/// </summary>
internal static class DemoImageRenderer
{
    public const int Size = 1200;

    public static SKImage Render(string sku, string name)
    {
        ArgumentNullException.ThrowIfNull(sku);
        ArgumentNullException.ThrowIfNull(name);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(sku));
        var hue = (hash[0] | (hash[1] << 8)) % 360;
        var background = SKColor.FromHsl(hue, 45 + (hash[2] % 20), 38 + (hash[3] % 12));
        var shape = SKColor.FromHsl((hue + 30) % 360, 55, 70);

        var info = new SKImageInfo(Size, Size, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(background);

        using (var paint = new SKPaint { Color = shape.WithAlpha(200), IsAntialias = true })
        {
            var centre = new SKPoint(Size / 2f, Size / 2f);
            var radius = Size * (0.30f + (hash[4] % 8) / 100f);
            switch (hash[5] % 4)
            {
                case 0:
                    canvas.DrawCircle(centre, radius, paint);
                    break;
                case 1:
                    canvas.DrawRoundRect(new SKRect(centre.X - radius, centre.Y - radius, centre.X + radius, centre.Y + radius), radius / 5, radius / 5, paint);
                    break;
                case 2:
                    using (var path = new SKPathBuilder())
                    {
                        path.MoveTo(centre.X, centre.Y - radius);
                        path.LineTo(centre.X + radius, centre.Y);
                        path.LineTo(centre.X, centre.Y + radius);
                        path.LineTo(centre.X - radius, centre.Y);
                        path.Close();
                        using var diamond = path.Detach();
                        canvas.DrawPath(diamond, paint);
                    }

                    break;
                default:
                    paint.Style = SKPaintStyle.Stroke;
                    paint.StrokeWidth = radius / 3;
                    canvas.DrawCircle(centre, radius - paint.StrokeWidth / 2, paint);
                    break;
            }
        }

        DrawInitials(canvas, Initials(name), SKColors.White);
        return surface.Snapshot();
    }

    /// <summary>Up to two letters or digits: the first of the first two words ("Trail Runner 2" → "TR").</summary>
    public static string Initials(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var initials = name
            .Split([' ', '-', '/', '(', ')', '"', '\''], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.FirstOrDefault(PixelFont.Knows))
            .Where(c => c != default)
            .Take(2)
            .Select(char.ToUpperInvariant)
            .ToArray();
        return initials.Length == 0 ? "N" : new string(initials);
    }

    private static void DrawInitials(SKCanvas canvas, string text, SKColor colour)
    {
        const float dot = Size / 22f;
        const float gap = dot * 1.5f;
        var width = text.Length * PixelFont.Columns * dot + (text.Length - 1) * gap;
        var left = (Size - width) / 2;
        var top = (Size - PixelFont.Rows * dot) / 2;
        using var paint = new SKPaint { Color = colour, IsAntialias = false };
        for (var i = 0; i < text.Length; i++)
        {
            var x0 = left + i * (PixelFont.Columns * dot + gap);
            for (var row = 0; row < PixelFont.Rows; row++)
            {
                for (var column = 0; column < PixelFont.Columns; column++)
                {
                    if (PixelFont.IsSet(text[i], column, row))
                    {
                        canvas.DrawRect(x0 + column * dot, top + row * dot, dot, dot, paint);
                    }
                }
            }
        }
    }
}
