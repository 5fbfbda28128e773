namespace Maas.Models;

/// <summary>The inputs and outputs of a model, as read from the engine.</summary>
public sealed record ModelSignature(IReadOnlyList<TensorSpec> Inputs, IReadOnlyList<TensorSpec> Outputs)
{
    public TensorSpec? FindInput(string name) => Inputs.FirstOrDefault(i => i.Name == name);

    public TensorSpec? FindOutput(string name) => Outputs.FirstOrDefault(o => o.Name == name);
}
