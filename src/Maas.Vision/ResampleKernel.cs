namespace Maas.Vision;

/// <summary>
/// PIL's resampling filters (libImaging/Resample.c) with their supports, evaluated in double precision exactly
/// as PIL writes them so the fixed-point weights round identically.
/// </summary>
internal sealed class ResampleKernel
{
    private static readonly ResampleKernel BoxKernel = new(0.5, Box);
    private static readonly ResampleKernel BilinearKernel = new(1.0, Bilinear);
    private static readonly ResampleKernel HammingKernel = new(1.0, Hamming);
    private static readonly ResampleKernel BicubicKernel = new(2.0, Bicubic);
    private static readonly ResampleKernel LanczosKernel = new(3.0, Lanczos);

    private ResampleKernel(double support, Func<double, double> weight)
    {
        Support = support;
        Weight = weight;
    }

    /// <summary>Half-width of the filter at scale 1, in source pixels.</summary>
    public double Support { get; }

    public Func<double, double> Weight { get; }

    public static ResampleKernel For(ResampleFilter filter) => filter switch
    {
        ResampleFilter.Box => BoxKernel,
        ResampleFilter.Bilinear => BilinearKernel,
        ResampleFilter.Hamming => HammingKernel,
        ResampleFilter.Bicubic => BicubicKernel,
        ResampleFilter.Lanczos => LanczosKernel,
        _ => throw new ArgumentOutOfRangeException(nameof(filter), filter, "nearest has no convolution kernel"),
    };

    private static double Box(double x) => x > -0.5 && x <= 0.5 ? 1.0 : 0.0;

    private static double Bilinear(double x)
    {
        x = Math.Abs(x);
        return x < 1.0 ? 1.0 - x : 0.0;
    }

    private static double Hamming(double x)
    {
        x = Math.Abs(x);
        if (x == 0.0)
        {
            return 1.0;
        }

        if (x >= 1.0)
        {
            return 0.0;
        }

        x *= Math.PI;

        // PIL writes these constants as C floats (0.54f, 0.46f); widening them keeps its exact weights.
        return Math.Sin(x) / x * ((double)0.54f + ((double)0.46f * Math.Cos(x)));
    }

    private static double Bicubic(double x)
    {
        const double a = -0.5;
        x = Math.Abs(x);
        if (x < 1.0)
        {
            return ((((a + 2.0) * x) - (a + 3.0)) * x * x) + 1;
        }

        return x < 2.0 ? ((((((x - 5) * x) + 8) * x) - 4) * a) : 0.0;
    }

    private static double Lanczos(double x) => x >= -3.0 && x < 3.0 ? Sinc(x) * Sinc(x / 3) : 0.0;

    private static double Sinc(double x)
    {
        if (x == 0.0)
        {
            return 1.0;
        }

        x *= Math.PI;
        return Math.Sin(x) / x;
    }
}
