namespace Maas.Runtime.Loading;

/// <summary>Load state of one model version, as the version document shows it.</summary>
public enum ModelState
{
    Unloaded,
    Loading,
    Ready,
    Failed,
}

/// <summary>The state with the reason when <see cref="ModelState.Failed"/>.</summary>
public readonly record struct ModelStatus(ModelState State, string? Error = null)
{
    public string StateName => State switch
    {
        ModelState.Unloaded => "unloaded",
        ModelState.Loading => "loading",
        ModelState.Ready => "ready",
        _ => "failed",
    };
}
