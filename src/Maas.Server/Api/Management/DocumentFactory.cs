using Maas.Runtime.Catalog;
using Maas.Runtime.Loading;
using Maas.Storage;

namespace Maas.Server.Api.Management;

/// <summary>Builds documents from registry records plus the live load state.</summary>
internal sealed class DocumentFactory(ModelLoader loader, ModelCatalog catalog)
{
    public VersionDocument Version(ModelVersionRecord record) =>
        Version(record, catalog.Find(record.Name)?.Versions ?? []);

    public ModelDocument Model(ModelRecord model) =>
        new(model.Name, model.Created, model.Aliases, model.Versions.Select(v => Version(v, model.Versions)).ToArray());

    private VersionDocument Version(ModelVersionRecord record, IReadOnlyList<ModelVersionRecord> siblings) =>
        VersionDocument.From(record, loader.GetStatus(record.Name, record.Version), loader.Platform, SameContent(record, siblings));

    // A push of bytes already stored is legal (a rollback by re-upload, say) but usually a mistake worth showing.
    private static int[] SameContent(ModelVersionRecord record, IReadOnlyList<ModelVersionRecord> siblings) =>
        siblings.Where(v => v.Version != record.Version && v.Sha256 == record.Sha256).Select(v => v.Version).ToArray();
}
