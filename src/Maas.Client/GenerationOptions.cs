namespace Maas.Client;

/// <summary>Sampling settings for <see cref="MaasClient.StreamChatAsync"/> and <see cref="MaasClient.StreamCompletionAsync"/>; null leaves the model's default.</summary>
public sealed record GenerationOptions
{
    public int? MaxTokens { get; init; }

    public float? Temperature { get; init; }
}

/// <summary>One message of a conversation: role (<c>system</c>, <c>user</c>, <c>assistant</c>) and text.</summary>
public sealed record ChatTurn(string Role, string Content);
