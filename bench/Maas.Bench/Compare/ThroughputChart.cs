using System.Globalization;
using SkiaSharp;

namespace Maas.Bench.Compare;

/// <summary>
/// The PNG of BENCHMARKS.md: throughput against concurrency, one panel per model, one line per server. The y axis is
/// logarithmic because raw ORT on the tiny MLP is orders of magnitude above any HTTP server.
/// </summary>
internal static class ThroughputChart
{
    private const int PanelWidth = 760;
    private const int Height = 560;
    private const float Left = 105, Right = 20, Top = 60, Bottom = 190;

    private static readonly Dictionary<string, SKColor> Colors = new(StringComparer.Ordinal)
    {
        [CompareRunner.RawKey] = new SKColor(0x55, 0x55, 0x55),
        ["maas-nobatch"] = new SKColor(0x9e, 0xc5, 0xe8),
        ["maas-batch"] = new SKColor(0x1f, 0x5f, 0xbf),
        ["flask"] = new SKColor(0xd6, 0x27, 0x28),
        ["fastapi"] = new SKColor(0xff, 0x7f, 0x0e),
        ["node"] = new SKColor(0x2c, 0xa0, 0x2c),
    };

    public static void Render(IReadOnlyList<ModelComparison> models, string path)
    {
        using var typeface = LoadTypeface();
        using var surface = SKSurface.Create(new SKImageInfo(PanelWidth * models.Count, Height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        for (var i = 0; i < models.Count; i++)
        {
            canvas.Save();
            canvas.Translate(i * PanelWidth, 0);
            DrawPanel(canvas, typeface, models[i]);
            canvas.Restore();
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    private static void DrawPanel(SKCanvas canvas, SKTypeface typeface, ModelComparison model)
    {
        using var title = new SKFont(typeface, 20);
        using var font = new SKFont(typeface, 14);
        using var text = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var grid = new SKPaint { Color = new SKColor(0xdd, 0xdd, 0xdd), StrokeWidth = 1, IsAntialias = true };
        var plotWidth = PanelWidth - Left - Right;
        var plotHeight = Height - Top - Bottom;
        canvas.DrawText($"{model.Model}: throughput vs concurrency", Left, 32, SKTextAlign.Left, title, text);

        var levels = model.Series.SelectMany(s => s.Points).Select(p => p.Concurrency).Distinct().Order().ToList();
        var values = model.Series.SelectMany(s => s.Points).Select(p => p.Throughput).Where(v => v > 0).ToList();
        if (levels.Count == 0 || values.Count == 0)
        {
            return;
        }

        var low = Math.Floor(Math.Log10(values.Min()));
        var high = Math.Ceiling(Math.Log10(values.Max()));
        high = high <= low ? low + 1 : high;
        float X(int level) => Left + (levels.Count == 1 ? plotWidth / 2 : levels.IndexOf(level) * plotWidth / (levels.Count - 1));
        float Y(double value) => Top + (float)((high - Math.Log10(value)) / (high - low) * plotHeight);

        for (var decade = low; decade <= high; decade++)
        {
            var y = Y(Math.Pow(10, decade));
            canvas.DrawLine(Left, y, Left + plotWidth, y, grid);
            canvas.DrawText(Math.Pow(10, decade).ToString("N0", CultureInfo.InvariantCulture), Left - 8, y + 5, SKTextAlign.Right, font, text);
        }

        foreach (var level in levels)
        {
            canvas.DrawLine(X(level), Top, X(level), Top + plotHeight, grid);
            canvas.DrawText(level.ToString(CultureInfo.InvariantCulture), X(level), Top + plotHeight + 20, SKTextAlign.Center, font, text);
        }

        canvas.DrawText("concurrent clients", Left + (plotWidth / 2), Top + plotHeight + 42, SKTextAlign.Center, font, text);
        canvas.Save();
        canvas.RotateDegrees(-90, 18, Top + (plotHeight / 2));
        canvas.DrawText("rows per second (log)", 18, Top + (plotHeight / 2), SKTextAlign.Center, font, text);
        canvas.Restore();

        var legendY = Top + plotHeight + 70;
        for (var i = 0; i < model.Series.Count; i++)
        {
            var series = model.Series[i];
            using var line = new SKPaint
            {
                Color = Colors.GetValueOrDefault(series.Key, SKColors.Purple),
                StrokeWidth = series.Key == "maas-batch" ? 4 : 2.5f,
                IsAntialias = true,
                Style = SKPaintStyle.Stroke,
            };
            using var dot = new SKPaint { Color = line.Color, IsAntialias = true, Style = SKPaintStyle.Fill };
            if (series.Key == CompareRunner.RawKey)
            {
                line.PathEffect = SKPathEffect.CreateDash([8, 6], 0);
            }

            var points = series.Points.Where(p => p.Throughput > 0).OrderBy(p => p.Concurrency).ToList();
            for (var p = 0; p < points.Count; p++)
            {
                var (x, y) = (X(points[p].Concurrency), Y(points[p].Throughput));
                if (p > 0)
                {
                    canvas.DrawLine(X(points[p - 1].Concurrency), Y(points[p - 1].Throughput), x, y, line);
                }

                canvas.DrawCircle(x, y, 4, dot);
            }

            var column = i % 2;
            var row = i / 2;
            var lx = Left + (column * plotWidth / 2);
            var ly = legendY + (row * 24);
            canvas.DrawLine(lx, ly - 5, lx + 28, ly - 5, line);
            canvas.DrawText(series.Label, lx + 36, ly, SKTextAlign.Left, font, text);
        }
    }

    private static SKTypeface LoadTypeface()
    {
        // The NoDependencies native build has no fontconfig: load a font file, or text would not be drawn.
        foreach (var file in new[] { "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/dejavu/DejaVuSans.ttf" })
        {
            if (File.Exists(file) && SKTypeface.FromFile(file) is { } typeface)
            {
                return typeface;
            }
        }

        return SKTypeface.Default;
    }
}
