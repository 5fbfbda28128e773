using System.Globalization;
using Maas.Llm.Serving;
using Maas.Routing.Generation;
using Maas.Runtime.Tasks;

namespace Maas.Routing;

public sealed partial class ModelRouter
{
    /// <summary>
    /// Starts a generation: prompts tokenized (chat through the model's template), sampling completed from the model's
    /// generation_config.json, and every choice admitted to the engine before this returns, so validation, context
    /// overflow and a full queue are still ordinary errors. Dispose the run when the answer is written.
    /// </summary>
    public async Task<GenerationRun> GenerateAsync(RoutedModel target, GenerationCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(call);
        if (target.Task != TaskNames.TextGeneration)
        {
            throw WrongTask(target, TaskNames.TextGeneration);
        }

        var lease = await LeaseAsync(target, cancellationToken);
        try
        {
            var model = lease.TaskServing<LlmModel>(TaskNames.TextGeneration);
            var prompts = call.Prompts.Select(p => Prepare(model, p, call.PromptParam)).ToList();
            var set = ChoiceSet.Start(
                model,
                [.. prompts.Select(p => p.Ids)],
                call.N,
                ids => call.Options.Resolve(model, ids.Length),
                call.Stops,
                call.PromptParam,
                cancellationToken);
            return new GenerationRun(target.Caller, lease, model, prompts, set);
        }
        catch
        {
            lease.Dispose();
            throw;
        }
    }

    private static PreparedPrompt Prepare(LlmModel model, GenerationPrompt prompt, string param)
    {
        switch (prompt)
        {
            case GenerationPrompt.Text text:
                var ids = model.Encode(text.Value, addSpecialTokens: true);
                return ids.Length > 0 ? new PreparedPrompt(text.Value, ids) : throw GenerationErrors.Invalid(param, "the prompt encodes to no tokens");
            case GenerationPrompt.Ids given:
                var vocab = model.Engine.Model.VocabSize;
                var checkedIds = new int[given.Value.Count];
                for (var i = 0; i < checkedIds.Length; i++)
                {
                    var id = given.Value[i];
                    checkedIds[i] = id >= 0 && id < vocab
                        ? (int)id
                        : throw GenerationErrors.Invalid(param, string.Create(
                            CultureInfo.InvariantCulture, $"prompt token ids must be integers in [0, {vocab - 1}]; got {id}"));
                }

                return checkedIds.Length > 0
                    ? new PreparedPrompt(model.Tokenizer.Decode(checkedIds, skipSpecialTokens: false), checkedIds)
                    : throw GenerationErrors.Invalid(param, "the prompt holds no token ids");
            case GenerationPrompt.Chat chat:
                if (chat.Value.HasTools && !model.TemplateTakesTools)
                {
                    throw GenerationErrors.Invalid("tools", $"the chat template of model '{model.Name}' does not take tools");
                }

                var rendered = model.RenderChat(chat.Value);
                return new PreparedPrompt(rendered, model.Encode(rendered, addSpecialTokens: false));
            default:
                throw new ArgumentException("unknown prompt kind", nameof(prompt));
        }
    }
}
