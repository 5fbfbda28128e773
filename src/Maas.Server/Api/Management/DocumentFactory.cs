using Maas.Runtime.Loading;
using Maas.Storage;

namespace Maas.Server.Api.Management;

/// <summary>Builds documents from registry records plus the live load state.</summary>
internal sealed class DocumentFactory(ModelLoader loader)
{
    public VersionDocument Version(ModelVersionRecord record) =>
        VersionDocument.From(record, loader.GetStatus(record.Name, record.Version), loader.Platform);

    public ModelDocument Model(ModelRecord model) =>
        new(model.Name, model.Created, model.Aliases, model.Versions.Select(Version).ToArray());
}
