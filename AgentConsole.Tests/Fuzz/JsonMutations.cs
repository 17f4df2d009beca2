using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace AgentConsole.Tests.Fuzz;

/// <summary>
/// Mutators over a valid JSON request: a value anywhere in the document swapped for another type,
/// null, a boundary number, a long, unicode or control-character string or a deep nesting; a field
/// removed, added or duplicated; an array item duplicated; invalid UTF-8 bytes; truncation; another
/// root; another content type; an oversize body. The valid request itself comes through too, so a
/// property also sees requests that must be accepted.
/// </summary>
public static class JsonMutations
{
    /// <summary>Strings no validator expects: surrogates, RTL and zero-width marks, emoji, controls, escapes.</summary>
    public static readonly string[] NastyStrings =
    [
        "\uD800", "\uDFFF", "a\uD83D", "\u202Eevil\u202C", "\u200B\u200C\u200D\uFEFF", "😀👩‍👩‍👧‍👦🏳️‍🌈", "e\u0301\u0308\u0327",
        "\0", "line\nbreak\r\ttab", "\u001B[31mred", "\u0007\u0008\u000B\u000C", "\u2028\u2029", "<script>alert(1)</script>",
        "javascript:alert(1)", "' OR 1=1 --", "%00%0a", "../../etc/passwd", "{{7*7}}", "${jndi:ldap://x}", "null", "", " ", "\u00A0",
        "ﷺ", "𝕳𝖊𝖑𝖑𝖔", "\uFFFF\uFFFE", "İıß", "مرحبا بالعالم",
    ];

    /// <summary>JSON number literals at and past every boundary, and strings that look like numbers.</summary>
    public static readonly string[] BoundaryNumbers =
    [
        "0", "-0", "-1", "1e400", "-1e400", "1e-400", "2147483647", "2147483648", "-2147483649", "9223372036854775807",
        "9223372036854775808", "-9223372036854775809", "123456789012345678901234567890", "0.5", "1.0000000000000002", "1E2",
        "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"1e400\"", "\"42\"", "\"0x10\"",
    ];

    /// <summary>Content types other than JSON, or JSON in another charset.</summary>
    public static readonly string?[] OtherContentTypes =
    [
        null, "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
        "application/json; charset=utf-16", "application/json; charset=latin1", "application/problem+json", "application/vnd.api+json",
        "*/*", "application/", "json",
    ];

    /// <summary>The valid request, mostly mutated: about one case in six comes through as generated.</summary>
    public static Gen<FuzzBody> Of(Gen<JsonNode> valid, int maxBytes = 64 * 1024) =>
        valid.SelectMany(document => Gen.Frequency(
            (6, Gen.Const(0).Select(_ => FuzzBody.Of(document.ToJsonString(), "valid"))),
            (30, ValueMutation(document)),
            (8, FieldMutation(document)),
            (10, ByteMutation(document.ToJsonString())),
            (3, Gen.OneOf(OtherContentTypes).Select(type => FuzzBody.Of(document.ToJsonString(), $"content type {type ?? "none"}", type))),
            (3, OtherRoot()),
            (2, Oversize(document.ToJsonString(), maxBytes))));

    /// <summary>A value anywhere in the document replaced.</summary>
    private static Gen<FuzzBody> ValueMutation(JsonNode document)
    {
        var slots = Slots(document);
        if (slots.Count == 0) return OtherRoot();
        return Gen.Int[0, slots.Count - 1].SelectMany(index => Gen.Frequency(
            (3, AnyValue.Select(v => ("another type", v))),
            (2, Gen.Const(("null", (string?)"null"))),
            (3, Gen.OneOf(BoundaryNumbers).Select(n => ("boundary number", (string?)n))),
            (4, NastyString.Select(s => ("unicode or control characters", (string?)Quote(s)))),
            (1, Gen.Int[1000, 70_000].Select(n => ("long string", (string?)Quote(new string('x', n))))),
            (2, Gen.Int[1, 2000].Select(depth => ("nested deep", (string?)(new string('[', depth) + "1" + new string(']', depth))))),
            (1, Gen.Int[1, 300].Select(depth => ("objects nested deep", (string?)(string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth))))))
            .Select(change => Replace(document, slots[index], change.Item2!, $"{change.Item1} at {slots[index].Path}")));
    }

    /// <summary>A field removed, added, duplicated (the same key twice), or an array item duplicated.</summary>
    private static Gen<FuzzBody> FieldMutation(JsonNode document)
    {
        var slots = Slots(document);
        var members = slots.Where(s => s.Name is not null).ToList();
        var objects = new List<JsonObject>();
        var arrays = new List<JsonArray>();
        Walk(document, n => { if (n is JsonObject o) objects.Add(o); else if (n is JsonArray a && a.Count > 0) arrays.Add(a); });
        var choices = new List<(int, IGen<FuzzBody>)>();
        if (members.Count > 0)
        {
            choices.Add((2, Gen.Int[0, members.Count - 1].Select(i =>
            {
                var slot = members[i];
                slot.Parent.AsObject().Remove(slot.Name!);
                return FuzzBody.Of(document.ToJsonString(), $"removed {slot.Path}");
            })));
            choices.Add((2, Gen.Int[0, members.Count - 1].SelectMany(i => AnyValue.Select(value =>
            {
                // A placeholder key is renamed in the text, since a JsonObject cannot hold one key twice.
                var slot = members[i];
                slot.Parent.AsObject()["\u0001dup"] = JsonNode.Parse(value);
                return FuzzBody.Of(document.ToJsonString().Replace("\"\\u0001dup\"", $"\"{slot.Name}\""), $"duplicated key {slot.Path}");
            }))));
        }
        if (objects.Count > 0)
            choices.Add((2, Gen.Int[0, objects.Count - 1].SelectMany(i => Gen.String[Gen.Char.AlphaNumeric, 1, 12].SelectMany(name => AnyValue.Select(value =>
            {
                objects[i]["x" + name] = JsonNode.Parse(value);
                return FuzzBody.Of(document.ToJsonString(), $"extra field x{name}");
            })))));
        if (arrays.Count > 0)
            choices.Add((2, Gen.Int[0, arrays.Count - 1].SelectMany(i => Gen.Int[1, 3].Select(copies =>
            {
                var array = arrays[i];
                var item = array[0]?.DeepClone();
                for (var c = 0; c < copies; c++) array.Add(item?.DeepClone());
                return FuzzBody.Of(document.ToJsonString(), $"array item duplicated x{copies}");
            }))));
        return choices.Count == 0 ? OtherRoot() : Gen.Frequency(choices.ToArray());
    }

    /// <summary>The text cut short, bytes overwritten, invalid UTF-8 put in, or a byte order mark.</summary>
    private static Gen<FuzzBody> ByteMutation(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        byte[][] invalidUtf8 = [[0xFF], [0xC3, 0x28], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xFE, 0xFF]];
        return Gen.Frequency(
            (3, Gen.Int[0, bytes.Length - 1].Select(n => new FuzzBody(bytes[..n], FuzzBody.Json, $"truncated to {n} bytes"))),
            (2, Gen.Int[0, bytes.Length - 1].SelectMany(at => Gen.Byte.Select(b =>
            {
                var copy = (byte[])bytes.Clone();
                copy[at] = b;
                return new FuzzBody(copy, FuzzBody.Json, $"byte {at} set to 0x{b:X2}");
            }))),
            (3, Gen.Int[0, bytes.Length].SelectMany(at => Gen.Int[0, invalidUtf8.Length - 1].Select(k =>
            {
                // Inside a string when the position is in one, which is where a parser must check the encoding.
                byte[] copy = [.. bytes[..at], .. invalidUtf8[k], .. bytes[at..]];
                return new FuzzBody(copy, FuzzBody.Json, $"invalid UTF-8 {Convert.ToHexString(invalidUtf8[k])} at byte {at}");
            }))),
            (1, Gen.Const(new FuzzBody([0xEF, 0xBB, 0xBF, .. bytes], FuzzBody.Json, "byte order mark"))),
            (1, Gen.Const(new FuzzBody(Encoding.Unicode.GetBytes(json), FuzzBody.Json, "UTF-16"))));
    }

    /// <summary>A body whose root is not the request object.</summary>
    private static Gen<FuzzBody> OtherRoot() =>
        Gen.OneOf("", " ", "null", "[]", "[{}]", "42", "\"text\"", "true", "{}", "{", "}", "{\"a\":1}{\"b\":2}", "{} trailing", "/* comment */ {}", "{'a':1}", "{a:1}", "{\"a\":1,}")
            .Select(body => FuzzBody.Of(body, $"root {body}"));

    private static Gen<FuzzBody> Oversize(string json, int maxBytes) =>
        Gen.Int[1, 4].Select(factor => FuzzBody.Of(json.Insert(json.Length - 1, new string(' ', maxBytes * factor)), $"oversize (+{maxBytes * factor} bytes of space)"));

    /// <summary>Any JSON value, as text.</summary>
    private static readonly Gen<string> AnyValue = Gen.OneOf("42", "-1", "0.5", "true", "false", "null", "\"\"", "\"text\"", "[]", "[1,\"two\",null]", "{}", "{\"x\":1}", "[[[]]]", "1e308");

    private static readonly Gen<string> NastyString = Gen.Frequency(
        (3, Gen.OneOf(NastyStrings)),
        (2, Gen.String[Gen.Char, 0, 40]),
        (1, Gen.OneOf(NastyStrings).Array[2, 6].Select(parts => string.Concat(parts))));

    private sealed record Slot(JsonNode Parent, string? Name, int Index, string Path);

    private static List<Slot> Slots(JsonNode root)
    {
        var slots = new List<Slot>();
        void Collect(JsonNode? node, string path)
        {
            if (node is JsonObject obj)
                foreach (var (name, child) in obj.ToList())
                {
                    var childPath = path.Length == 0 ? name : $"{path}.{name}";
                    slots.Add(new Slot(obj, name, -1, childPath));
                    Collect(child, childPath);
                }
            else if (node is JsonArray array)
                for (var i = 0; i < array.Count; i++)
                {
                    slots.Add(new Slot(array, null, i, $"{path}[{i}]"));
                    Collect(array[i], $"{path}[{i}]");
                }
        }
        Collect(root, "");
        return slots;
    }

    private static void Walk(JsonNode? node, Action<JsonNode> visit)
    {
        if (node is null) return;
        visit(node);
        if (node is JsonObject obj) foreach (var (_, child) in obj) Walk(child, visit);
        else if (node is JsonArray array) foreach (var child in array) Walk(child, visit);
    }

    /// <summary>The document with the slot's value replaced by raw JSON text, through a placeholder so any text fits.</summary>
    private static FuzzBody Replace(JsonNode document, Slot slot, string rawJson, string mutation)
    {
        const string placeholder = "\"\\u0002replaced\"";
        JsonNode marker = "\u0002replaced";
        if (slot.Name is not null) slot.Parent.AsObject()[slot.Name] = marker;
        else slot.Parent.AsArray()[slot.Index] = marker;
        var json = document.ToJsonString();
        var at = json.IndexOf(placeholder, StringComparison.Ordinal);
        return FuzzBody.Of(json[..at] + rawJson + json[(at + placeholder.Length)..], mutation);
    }

    /// <summary>A string as a JSON literal, with lone surrogates written as escapes (which a strict reader must refuse or replace).</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            if (c is '"' or '\\') builder.Append('\\').Append(c);
            else if (c < 0x20 || char.IsSurrogate(c) || c is '\u2028' or '\u2029') builder.Append($"\\u{(int)c:X4}");
            else builder.Append(c);
        }
        return builder.Append('"').ToString();
    }
}
