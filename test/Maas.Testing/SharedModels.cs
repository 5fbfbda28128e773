namespace Maas.Testing;

/// <summary>Finds the real PyTorch-exported fixtures in ../shared/models beside the repository.</summary>
public static class SharedModels
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    /// <summary>The repository root: the folder holding Maas.slnx.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The shared/models folder (override with MAAS_SHARED_MODELS).</summary>
    public static string Root => RootPath.Value;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        var fromEnv = Environment.GetEnvironmentVariable("MAAS_SHARED_MODELS");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return fromEnv;
        }

        var candidate = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "models"));
        return Directory.Exists(candidate)
            ? candidate
            : throw new DirectoryNotFoundException($"shared models not found at {candidate}; set MAAS_SHARED_MODELS");
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Maas.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Maas.slnx not found above " + AppContext.BaseDirectory);
    }
}
