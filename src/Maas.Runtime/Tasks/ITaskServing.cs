using Maas.Models;
using Maas.Runtime.Scheduling;
using Maas.Storage;

namespace Maas.Runtime.Tasks;

/// <summary>
/// Serves one or more tasks on top of (or instead of) the plain tensor runner: a text pipeline wraps the runner with a
/// tokenizer, an LLM engine opens sessions of its own. Register implementations with DI; the loader asks each in turn.
/// </summary>
public interface ITaskServing
{
    bool Serves(string task);

    /// <summary>Whether the version also needs the tensor runner (pipelines do; a generation engine does not).</summary>
    bool UsesTensorRunner { get; }

    /// <summary>
    /// Checks at push time, before the version is committed, that the folder has what the task needs (a tokenizer it
    /// can read, a valid preprocessor config…); throws <see cref="Errors.MaasException"/> of kind InvalidModel naming
    /// the problem, so an unsupported model is refused with 422 instead of failing at load. The manifest is the one
    /// about to be stored; its task is decided.
    /// </summary>
    void Validate(ModelManifest manifest, string modelPath);

    /// <summary>
    /// Opens the task's serving state for a version; disposed when the version unloads. The version's
    /// <see cref="ModelVersionRecord.Manifest"/> is always set here (read from the folder for old versions).
    /// </summary>
    IDisposable Open(ModelVersionRecord version, string modelPath, IInferenceRunner? runner);
}
