namespace Maas.Registry;

/// <summary>What <see cref="RegistryJanitor.CleanAsync"/> removed; its text form is meant for one log line.</summary>
/// <param name="OrphanBlobs">Stored blobs no version referenced.</param>
/// <param name="TemporaryExtractions">Extraction folders an interrupted unpack left behind.</param>
/// <param name="OrphanExtractions">Extracted folders of blobs no version referenced.</param>
public sealed record JanitorReport(int OrphanBlobs, int TemporaryExtractions, int OrphanExtractions);
