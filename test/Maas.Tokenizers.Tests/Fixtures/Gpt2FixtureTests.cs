using System.Text;
using System.Text.Json;
using Maas.Testing;

namespace Maas.Tokenizers.Tests.Fixtures;

public sealed class Gpt2FixtureTests
{
    private static readonly HfTokenizer Tokenizer = Expected.Tokenizer("gpt2-tiny");

    [Fact]
    public void Encode_GenerationPrompts_MatchPromptIdsAndTokens()
    {
        foreach (var item in Expected.Load("gpt2-tiny").GetProperty("generations").EnumerateArray())
        {
            var encoding = Tokenizer.Encode(item.GetProperty("prompt").GetString()!);

            Assert.Equal(item.GetProperty("prompt_ids").Ints(), encoding.Ids);
            Assert.Equal(item.GetProperty("prompt_tokens").Strings(), encoding.Tokens);
        }
    }

    [Fact]
    public void Encode_RenderedChat_MatchesPromptIdsWithoutSpecialTokens()
    {
        foreach (var item in Expected.Load("gpt2-tiny").GetProperty("chat").EnumerateArray())
        {
            var encoding = Tokenizer.Encode(item.GetProperty("rendered").GetString()!, addSpecialTokens: false);

            Assert.Equal(item.GetProperty("prompt_ids").Ints(), encoding.Ids);
        }
    }

    [Fact]
    public void EncodeAndDecode_TokenizerProbes_MatchIdsTokensAndDecodedText()
    {
        foreach (var item in Expected.Load("gpt2-tiny").GetProperty("tokenizer_probes").EnumerateArray())
        {
            var encoding = Tokenizer.Encode(item.GetProperty("text").GetString()!);

            Assert.Equal(item.GetProperty("input_ids").Ints(), encoding.Ids);
            Assert.Equal(item.GetProperty("tokens").Strings(), encoding.Tokens);
            Assert.Equal(item.GetProperty("decoded").GetString(), Tokenizer.Decode(encoding.Ids, skipSpecialTokens: false));
        }
    }

    [Fact]
    public void Decode_GeneratedIds_EqualsGeneratedTextWithSpecialsSkipped()
    {
        var expected = Expected.Load("gpt2-tiny");
        foreach (var item in expected.GetProperty("generations").EnumerateArray().Concat(expected.GetProperty("chat").EnumerateArray()))
        {
            Assert.Equal(item.GetProperty("generated_text").GetString(), Tokenizer.Decode(item.GetProperty("generated_ids").Ints()));
        }
    }

    [Fact]
    public void StreamingDecoder_GeneratedIdsOneByOne_ConcatenatesToGeneratedText()
    {
        var expected = Expected.Load("gpt2-tiny");
        foreach (var item in expected.GetProperty("generations").EnumerateArray().Concat(expected.GetProperty("chat").EnumerateArray()))
        {
            var stream = Tokenizer.CreateStreamingDecoder();
            var text = new StringBuilder();
            foreach (var id in item.GetProperty("generated_ids").Ints())
            {
                text.Append(stream.Append(id));
            }

            text.Append(stream.Flush());
            Assert.Equal(item.GetProperty("generated_text").GetString(), text.ToString());
        }
    }

    [Fact]
    public void StreamingDecoder_EmojiProbe_NeverYieldsReplacementChar()
    {
        var probe = Expected.Load("gpt2-tiny").GetProperty("tokenizer_probes").EnumerateArray()
            .Single(p => p.GetProperty("text").GetString()!.Contains("\U0001F642", StringComparison.Ordinal));
        var stream = Tokenizer.CreateStreamingDecoder();
        var deltas = new List<string>();

        foreach (var id in probe.GetProperty("input_ids").Ints())
        {
            deltas.Add(stream.Append(id));
        }

        deltas.Add(stream.Flush());
        Assert.All(deltas, d => Assert.DoesNotContain('\uFFFD', d));
        Assert.Equal(probe.GetProperty("decoded").GetString(), string.Concat(deltas));
        // The emoji is four byte-level tokens: nothing comes out until the fourth completes it.
        Assert.Equal(["", "", "", "\U0001F642", ""], deltas[^5..]);
    }

    [Fact]
    public void Properties_Gpt2Tiny_VocabularyAndConfig()
    {
        using var config = JsonDocument.Parse(File.ReadAllText(SharedModels.PathOf("gpt2-tiny", "config.json")));
        Assert.Equal(config.RootElement.GetProperty("vocab_size").GetInt32(), Tokenizer.VocabularySize);
        Assert.Equal(config.RootElement.GetProperty("n_positions").GetInt32(), Tokenizer.ModelMaxLength);
        Assert.Null(Tokenizer.PadTokenId);
        var eos = config.RootElement.GetProperty("eos_token_id").GetInt32();
        Assert.Equal(eos, Tokenizer.TokenToId(Tokenizer.Config["eos_token"]));
        Assert.Equal(Tokenizer.Config["eos_token"], Tokenizer.IdToToken(eos));
        Assert.Contains(eos, Tokenizer.SpecialTokenIds);
        Assert.Contains("im_start", Tokenizer.Config["chat_template"], StringComparison.Ordinal);
    }
}
