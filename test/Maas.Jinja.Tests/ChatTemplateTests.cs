namespace Maas.Jinja.Tests;

/// <summary>
/// Full chat templates in the style of the big model families (Templates/*.jinja), rendered with sample conversations.
/// Each expected prompt was worked out from jinja2's rules and confirmed with Python jinja2 3.1 configured as
/// transformers does (trim_blocks, lstrip_blocks, loopcontrols, raise_exception, strftime_now, tojson).
/// </summary>
public sealed class ChatTemplateTests
{
    private const string Simple = """{"messages": [{"role": "user", "content": "Hello!"}], "add_generation_prompt": true}""";

    private const string WithSystem = """
        {"messages": [
          {"role": "system", "content": "You are terse. "},
          {"role": "user", "content": "Hi"},
          {"role": "assistant", "content": "Hello."},
          {"role": "user", "content": "Bye"}],
         "add_generation_prompt": true, "bos_token": "<s>", "eos_token": "</s>"}
        """;

    private const string WithTools = """
        {"messages": [
          {"role": "user", "content": "Weather in Paris?"},
          {"role": "assistant", "content": "", "tool_calls": [
            {"type": "function", "function": {"name": "get_weather", "arguments": {"city": "Paris"}}}]},
          {"role": "tool", "content": "{\"temp\": 21}"}],
         "tools": [{"type": "function", "function": {"name": "get_weather", "description": "Get the weather",
           "parameters": {"type": "object", "properties": {"city": {"type": "string", "description": "City name"}},
           "required": ["city"]}}}],
         "add_generation_prompt": true, "bos_token": "<s>", "eos_token": "</s>"}
        """;

    private const string Thinking = """
        {"messages": [
          {"role": "user", "content": "2+2?"},
          {"role": "assistant", "content": "<think>add</think>4"},
          {"role": "user", "content": "ünïcode ✓"}],
         "add_generation_prompt": true, "bos_token": "<s>", "eos_token": "</s>"}
        """;

    private const string TwoUsers = """
        {"messages": [{"role": "user", "content": "a"}, {"role": "user", "content": "b"}], "bos_token": "<s>", "eos_token": "</s>"}
        """;

    [Fact]
    public void Render_QwenStyleWithoutSystem_AddsDefaultSystemAndGenerationPrompt()
    {
        Assert.Equal(
            "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nHello!<|im_end|>\n<|im_start|>assistant\n",
            Render("qwen.jinja", Simple));
    }

    [Fact]
    public void Render_QwenStyleWithSystem_KeepsSystemContentVerbatim()
    {
        Assert.Equal(
            "<|im_start|>system\nYou are terse. <|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\nHello.<|im_end|>\n" +
            "<|im_start|>user\nBye<|im_end|>\n<|im_start|>assistant\n",
            Render("qwen.jinja", WithSystem));
    }

    [Fact]
    public void Render_QwenStyleWithTools_RendersToolJsonCallsAndResponses()
    {
        // Tools print with Python's json.dumps spacing; the assistant's empty content adds no newline; the tool
        // message opens a user turn because the message before it is not a tool message.
        const string expected =
            "<|im_start|>system\nYou are a helpful assistant.\n\n# Tools\n\nYou are provided with function signatures within <tools></tools> XML tags:\n<tools>\n" +
            "{\"type\": \"function\", \"function\": {\"name\": \"get_weather\", \"description\": \"Get the weather\", \"parameters\": {\"type\": \"object\", \"properties\": {\"city\": {\"type\": \"string\", \"description\": \"City name\"}}, \"required\": [\"city\"]}}}\n" +
            "</tools>\n\nFor each function call, return a json object with function name and arguments within <tool_call></tool_call> XML tags:\n<tool_call>\n" +
            "{\"name\": <function-name>, \"arguments\": <args-json-object>}\n</tool_call><|im_end|>\n" +
            "<|im_start|>user\nWeather in Paris?<|im_end|>\n" +
            "<|im_start|>assistant\n<tool_call>\n{\"name\": \"get_weather\", \"arguments\": {\"city\": \"Paris\"}}\n</tool_call><|im_end|>\n" +
            "<|im_start|>user\n<tool_response>\n{\"temp\": 21}\n</tool_response><|im_end|>\n<|im_start|>assistant\n";
        Assert.Equal(expected, Render("qwen.jinja", WithTools));
    }

    [Fact]
    public void Render_Llama31Style_UsesDateTrimAndSystemHeader()
    {
        // `'...' + message['content'] | trim + '...'`: the filter binds to the content only. The trailing space of the
        // system message is trimmed; the date comes from the injected clock.
        Assert.Equal(
            "<s><|start_header_id|>system<|end_header_id|>\n\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n" +
            "You are terse.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>" +
            "<|start_header_id|>assistant<|end_header_id|>\n\nHello.<|eot_id|><|start_header_id|>user<|end_header_id|>\n\nBye<|eot_id|>" +
            "<|start_header_id|>assistant<|end_header_id|>\n\n",
            Render("llama31.jinja", WithSystem));
    }

    [Fact]
    public void Render_Llama31StyleWithTools_IndentsToolJsonByFour()
    {
        const string expected =
            "<s><|start_header_id|>system<|end_header_id|>\n\nEnvironment: ipython\nCutting Knowledge Date: December 2023\nToday Date: 26 Jul 2024\n\n" +
            "You have access to the following functions.\n\n{\n    \"type\": \"function\",\n    \"function\": {\n        \"name\": \"get_weather\",\n" +
            "        \"description\": \"Get the weather\",\n        \"parameters\": {\n            \"type\": \"object\",\n            \"properties\": {\n" +
            "                \"city\": {\n                    \"type\": \"string\",\n                    \"description\": \"City name\"\n                }\n" +
            "            },\n            \"required\": [\n                \"city\"\n            ]\n        }\n    }\n}\n\n<|eot_id|>" +
            "<|start_header_id|>user<|end_header_id|>\n\nWeather in Paris?<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n" +
            "{\"name\": \"get_weather\", \"parameters\": {\"city\": \"Paris\"}}<|eot_id|><|start_header_id|>ipython<|end_header_id|>\n\n" +
            "{\"temp\": 21}<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n";
        Assert.Equal(expected, Render("llama31.jinja", WithTools));
    }

    [Fact]
    public void Render_MistralStyle_FoldsSystemIntoFirstInst()
    {
        Assert.Equal("<s> [INST] You are terse. \n\nHi [/INST] Hello.</s> [INST] Bye [/INST]", Render("mistral.jinja", WithSystem));
    }

    [Fact]
    public void Render_MistralStyleWithTwoUserTurns_RaisesTheTemplatesMessage()
    {
        var e = Assert.Throws<TemplateRuntimeException>(() => Render("mistral.jinja", TwoUsers));
        Assert.Equal(
            "After the optional system message, conversation roles must alternate user/assistant/user/assistant/...", e.Message);
        Assert.True(e.RaisedByTemplate);
    }

    [Fact]
    public void Render_Phi3Style_KeepsNewlinesAfterPrintTags()
    {
        // trim_blocks removes the newline after {% %} lines only; every `{{ ... }}\n` line keeps its newline, which is
        // why the prompt has "<s>\n" and a blank line after each <|end|>\n.
        Assert.Equal(
            "<s>\n<|system|>\nYou are terse. <|end|>\n\n<|user|>\nHi<|end|>\n\n<|assistant|>\nHello.<|end|>\n\n" +
            "<|user|>\nBye<|end|>\n\n<|assistant|>\n\n",
            Render("phi3.jinja", WithSystem));
    }

    [Fact]
    public void Render_GemmaStyle_MapsAssistantToModel()
    {
        // `{{ message['content'] | trim }}` is followed by "\n    " before the next `{{ }}`, which has no '-', so the
        // newline and four spaces are part of the prompt.
        Assert.Equal(
            "<s><start_of_turn>user\nYou are terse.\n\nHi\n    <end_of_turn>\n<start_of_turn>model\nHello.\n    <end_of_turn>\n" +
            "<start_of_turn>user\nBye\n    <end_of_turn>\n<start_of_turn>model\n",
            Render("gemma.jinja", WithSystem));
    }

    [Fact]
    public void Render_GemmaStyleOutOfOrder_Raises()
    {
        var e = Assert.Throws<TemplateRuntimeException>(() => Render("gemma.jinja", TwoUsers));
        Assert.Equal("Conversation roles must alternate user/assistant/user/assistant/...", e.Message);
    }

    [Fact]
    public void Render_DeepSeekStyle_StripsThinkingAndKeepsIndentBeforePrintTag()
    {
        // The assistant branch's `        {{ ... }}` line is not lstripped (print tag), so eight spaces precede it.
        Assert.Equal(
            "<s><｜User｜>2+2?        <｜Assistant｜>4<｜end▁of▁sentence｜><｜User｜>ünïcode ✓<｜Assistant｜><think>\n",
            Render("deepseek.jinja", Thinking));
    }

    private static string Render(string templateFile, string json) =>
        JinjaTemplate.Parse(TestRender.Template(templateFile)).Render(TestRender.Context(json), TestRender.Options);
}
