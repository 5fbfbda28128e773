using System.Globalization;
using System.Text;

namespace Maas.Tokenizers.Unicode;

/// <summary>
/// NFC / NFD / NFKC / NFKD from embedded Unicode 14 tables (see make_normalization_data.py): the repository
/// runs with InvariantGlobalization, where <see cref="string.Normalize()"/> silently returns its input.
/// </summary>
internal static class UnicodeNormalization
{
    private const int SBase = 0xAC00, LBase = 0x1100, VBase = 0x1161, TBase = 0x11A7;
    private const int LCount = 19, VCount = 21, TCount = 28, NCount = VCount * TCount, SCount = LCount * NCount;

    private static readonly Lazy<Tables> Data = new(Tables.Load);

    public static int CombiningClass(int codePoint) =>
        Data.Value.Ccc.TryGetValue(codePoint, out var ccc) ? ccc : 0;

    public static string Normalize(string text, NormalizationForm form)
    {
        if (Ascii.IsValid(text))
        {
            return text;
        }

        var compat = form is NormalizationForm.FormKC or NormalizationForm.FormKD;
        var compose = form is NormalizationForm.FormC or NormalizationForm.FormKC;
        var tables = Data.Value;
        var cps = new List<int>(text.Length + 4);
        for (var i = 0; i < text.Length;)
        {
            Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used);
            i += used;
            Decompose(rune.Value, compat, tables, cps);
        }

        ReorderCanonically(cps, tables);
        if (compose)
        {
            Compose(cps, tables);
        }

        var sb = new StringBuilder(cps.Count);
        foreach (var cp in cps)
        {
            sb.Append(new Rune(cp).ToString());
        }

        return sb.ToString();
    }

    private static void Decompose(int cp, bool compat, Tables tables, List<int> output)
    {
        if (cp is >= SBase and < SBase + SCount)
        {
            var s = cp - SBase;
            output.Add(LBase + (s / NCount));
            output.Add(VBase + (s % NCount / TCount));
            if (s % TCount != 0)
            {
                output.Add(TBase + (s % TCount));
            }

            return;
        }

        if ((compat && tables.Compat.TryGetValue(cp, out var mapped)) || tables.Canonical.TryGetValue(cp, out mapped))
        {
            output.AddRange(mapped);
        }
        else
        {
            output.Add(cp);
        }
    }

    // Stable sort of each run of non-starters by combining class (the canonical ordering algorithm).
    private static void ReorderCanonically(List<int> cps, Tables tables)
    {
        for (var i = 1; i < cps.Count; i++)
        {
            var ccc = tables.Ccc.GetValueOrDefault(cps[i]);
            if (ccc == 0)
            {
                continue;
            }

            var j = i;
            while (j > 0)
            {
                var prev = tables.Ccc.GetValueOrDefault(cps[j - 1]);
                if (prev <= ccc)
                {
                    break;
                }

                (cps[j - 1], cps[j]) = (cps[j], cps[j - 1]);
                j--;
            }
        }
    }

    private static void Compose(List<int> cps, Tables tables)
    {
        var starter = -1;
        var write = 0;
        for (var read = 0; read < cps.Count; read++)
        {
            var cp = cps[read];
            var ccc = tables.Ccc.GetValueOrDefault(cp);
            if (starter >= 0)
            {
                // Not blocked: adjacent to the starter, or every char in between has a lower, non-zero class.
                var lastCcc = write - 1 == starter ? -1 : tables.Ccc.GetValueOrDefault(cps[write - 1]);
                if ((lastCcc == -1 || (lastCcc != 0 && lastCcc < ccc)) && TryCompose(cps[starter], cp, tables, out var composite))
                {
                    cps[starter] = composite;
                    continue;
                }
            }

            if (ccc == 0)
            {
                starter = write;
            }

            cps[write++] = cp;
        }

        cps.RemoveRange(write, cps.Count - write);
    }

    private static bool TryCompose(int first, int second, Tables tables, out int composite)
    {
        if (first is >= LBase and < LBase + LCount && second is >= VBase and < VBase + VCount)
        {
            composite = SBase + ((((first - LBase) * VCount) + (second - VBase)) * TCount);
            return true;
        }

        if (first is >= SBase and < SBase + SCount && (first - SBase) % TCount == 0 && second is > TBase and < TBase + TCount)
        {
            composite = first + (second - TBase);
            return true;
        }

        return tables.Composites.TryGetValue(((long)first << 21) | (uint)second, out composite);
    }

    private sealed class Tables
    {
        public Dictionary<int, int> Ccc { get; } = [];

        public Dictionary<int, int[]> Canonical { get; } = [];

        public Dictionary<int, int[]> Compat { get; } = [];

        public Dictionary<long, int> Composites { get; } = [];

        public static Tables Load()
        {
            var tables = new Tables();
            using var stream = typeof(Tables).Assembly.GetManifestResourceStream("Maas.Tokenizers.normalization.txt")
                ?? throw new InvalidOperationException("embedded Unicode normalization tables are missing");
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                if (line.Length == 0 || line[0] == '#')
                {
                    continue;
                }

                var parts = line.Split(' ');
                var cp = int.Parse(parts[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                switch (parts[0])
                {
                    case "c":
                        tables.Ccc[cp] = int.Parse(parts[2], CultureInfo.InvariantCulture);
                        break;
                    case "d":
                        tables.Canonical[cp] = ParseHex(parts.AsSpan(2));
                        break;
                    case "k":
                        tables.Compat[cp] = ParseHex(parts.AsSpan(2));
                        break;
                    case "p":
                        var second = int.Parse(parts[2], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                        var composite = int.Parse(parts[3], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                        tables.Composites[((long)cp << 21) | (uint)second] = composite;
                        break;
                }
            }

            return tables;
        }

        private static int[] ParseHex(ReadOnlySpan<string> parts)
        {
            var result = new int[parts.Length];
            for (var i = 0; i < parts.Length; i++)
            {
                result[i] = int.Parse(parts[i], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            }

            return result;
        }
    }
}
