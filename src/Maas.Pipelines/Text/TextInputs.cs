using Maas.Errors;
using Maas.Models;
using Maas.Tensors;

namespace Maas.Pipelines.Text;

/// <summary>
/// Which of the usual text inputs a model takes (<c>input_ids</c>, <c>attention_mask</c>, <c>token_type_ids</c>) and
/// in which integer type. An input the model lacks is not sent; any other input cannot be fed from text.
/// </summary>
internal sealed record TextInputs(TensorSpec InputIds, TensorSpec? AttentionMask, TensorSpec? TokenTypeIds)
{
    public static TextInputs From(ModelSignature signature)
    {
        TensorSpec? ids = null, mask = null, types = null;
        foreach (var input in signature.Inputs)
        {
            switch (input.Name)
            {
                case "input_ids":
                    ids = Check(input);
                    break;
                case "attention_mask":
                    mask = Check(input);
                    break;
                case "token_type_ids":
                    types = Check(input);
                    break;
                default:
                    throw MaasException.InvalidModel(
                        $"input '{input.Name}' cannot be fed from text; a text model takes input_ids, attention_mask and token_type_ids");
            }
        }

        return ids is null
            ? throw MaasException.InvalidModel("a text model needs an 'input_ids' input")
            : new TextInputs(ids, mask, types);
    }

    private static TensorSpec Check(TensorSpec input) =>
        input.DataType is TensorDataType.Int64 or TensorDataType.Int32 && input.Shape.Length == 2
            ? input
            : throw MaasException.InvalidModel(
                $"input '{input.Name}' must be INT64 or INT32 [batch, sequence], not {input.DataType.ToKServeName()} {DataTypes.FormatShape(input.Shape)}");
}
