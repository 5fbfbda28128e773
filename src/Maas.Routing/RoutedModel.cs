using Maas.Storage;

namespace Maas.Routing;

/// <summary>
/// A version resolved for a caller whose grant was checked. Only <see cref="ModelRouter"/> makes one, so an entry that
/// takes it cannot be reached with an unchecked model.
/// </summary>
public sealed class RoutedModel
{
    internal RoutedModel(Caller caller, ModelVersionRecord version)
    {
        Caller = caller;
        Version = version;
    }

    public Caller Caller { get; }

    public ModelVersionRecord Version { get; }

    public string Name => Version.Name;

    public string Task => Version.Task;
}
