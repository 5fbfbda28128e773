namespace Maas.Llm.Scheduling;

/// <summary>A moment's view of an engine's scheduler, for metrics, health and tests.</summary>
/// <param name="Running">Sequences admitted and holding cache.</param>
/// <param name="Waiting">Requests queued for admission.</param>
/// <param name="CacheTokensReserved">Cache tokens held by running sequences (each reserves its worst case on admission).</param>
/// <param name="CacheTokensCapacity">The configured cache budget in tokens.</param>
/// <param name="Steps">Forward-pass iterations run since the engine started.</param>
public readonly record struct SchedulerSnapshot(int Running, int Waiting, int CacheTokensReserved, int CacheTokensCapacity, long Steps);
