using Maas.Llm.Serving.Prompts;

namespace Maas.Routing.Generation;

/// <summary>What a client asked to continue: plain text, token ids, or chat messages for the model's template.</summary>
public abstract record GenerationPrompt
{
    private GenerationPrompt()
    {
    }

    /// <summary>Plain text, tokenized with the model's special tokens (a completion prompt).</summary>
    public sealed record Text(string Value) : GenerationPrompt;

    /// <summary>Token ids as the client already tokenized them; each must be in the vocabulary.</summary>
    public sealed record Ids(IReadOnlyList<long> Value) : GenerationPrompt;

    /// <summary>Messages rendered through the model's chat template, then tokenized without special tokens.</summary>
    public sealed record Chat(ChatPrompt Value) : GenerationPrompt;
}

/// <summary>A prompt as the engine gets it, with the text it stands for (echo, logprob offsets).</summary>
public sealed record PreparedPrompt(string Text, int[] Ids);
