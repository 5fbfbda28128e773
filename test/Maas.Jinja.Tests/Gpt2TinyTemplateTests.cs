using System.Text.Json;
using Maas.Testing;

namespace Maas.Jinja.Tests;

/// <summary>The real gpt2-tiny fixture: its ChatML chat_template must reproduce the prompts transformers rendered.</summary>
public sealed class Gpt2TinyTemplateTests
{
    [Fact]
    public void Render_Gpt2TinyChatTemplate_MatchesEveryExpectedPrompt()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(SharedModels.PathOf("gpt2-tiny", "tokenizer_config.json")));
        using var expected = JsonDocument.Parse(File.ReadAllText(SharedModels.PathOf("gpt2-tiny", "expected.json")));
        var template = JinjaTemplate.Parse(config.RootElement.GetProperty("chat_template").GetString()!);

        var chats = expected.RootElement.GetProperty("chat").EnumerateArray().ToList();
        Assert.NotEmpty(chats);
        foreach (var chat in chats)
        {
            // The messages go in as JsonElement, as the OpenAI endpoint will pass them.
            var context = new Dictionary<string, object?>
            {
                ["messages"] = chat.GetProperty("messages"),
                ["add_generation_prompt"] = chat.GetProperty("add_generation_prompt").GetBoolean(),
                ["bos_token"] = config.RootElement.TryGetProperty("bos_token", out var bos) ? JinjaValue.FromJson(bos) : null,
                ["eos_token"] = config.RootElement.TryGetProperty("eos_token", out var eos) ? JinjaValue.FromJson(eos) : null,
            };

            Assert.Equal(chat.GetProperty("rendered").GetString(), template.Render(context));
        }
    }

    [Fact]
    public void Render_Gpt2TinyWithoutGenerationPrompt_EndsAfterLastTurn()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(SharedModels.PathOf("gpt2-tiny", "tokenizer_config.json")));
        var template = JinjaTemplate.Parse(config.RootElement.GetProperty("chat_template").GetString()!);
        var context = TestRender.Context("""{"messages": [{"role": "user", "content": "hi"}], "add_generation_prompt": false}""");
        Assert.Equal("<|im_start|>user\nhi<|im_end|>\n", template.Render(context));
    }
}
