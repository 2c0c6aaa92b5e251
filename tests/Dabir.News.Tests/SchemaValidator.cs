using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Dabir.News.Tests;

/// <summary>
/// Validates JSON against the subset of JSON Schema 2020-12 that <c>schemas/document-v1.schema.json</c> uses
/// (type, required, properties, items, $ref into $defs, oneOf, enum, const, pattern, minimum). Stricter than the
/// standard in one way: an object may not carry a property its schema does not declare, so the writer and the
/// schema cannot drift apart. A keyword outside the subset fails loudly rather than being ignored.
/// </summary>
internal sealed class SchemaValidator
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "$schema", "$id", "$defs", "title", "description", "type", "required", "properties", "items", "$ref", "oneOf", "enum", "const", "pattern", "minimum",
    };

    private readonly JsonElement _root;

    public SchemaValidator(JsonElement root) => _root = root;

    public static SchemaValidator ForDocumentSchema()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string path = Path.Combine(dir.FullName, "schemas", "document-v1.schema.json");
            if (File.Exists(path))
            {
                using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
                return new SchemaValidator(doc.RootElement.Clone());
            }
        }
        throw new FileNotFoundException("schemas/document-v1.schema.json not found above the test folder");
    }

    /// <summary>The violations of <paramref name="value"/> (empty when valid), each with its JSON path.</summary>
    public List<string> Validate(JsonElement value)
    {
        var errors = new List<string>();
        Check(_root, value, "$", errors);
        return errors;
    }

    private void Check(JsonElement schema, JsonElement value, string path, List<string> errors)
    {
        foreach (var keyword in schema.EnumerateObject())
        {
            if (!Known.Contains(keyword.Name))
            {
                throw new NotSupportedException($"schema keyword {keyword.Name} at {path} is outside the validated subset");
            }
        }
        if (schema.TryGetProperty("$ref", out var reference))
        {
            string name = reference.GetString()!;
            const string Prefix = "#/$defs/";
            Assert.StartsWith(Prefix, name, StringComparison.Ordinal);
            Check(_root.GetProperty("$defs").GetProperty(name[Prefix.Length..]), value, path, errors);
        }
        if (schema.TryGetProperty("oneOf", out var oneOf))
        {
            int matches = oneOf.EnumerateArray().Count(option =>
            {
                var sub = new List<string>();
                Check(option, value, path, sub);
                return sub.Count == 0;
            });
            if (matches != 1)
            {
                errors.Add($"{path}: matches {matches} of the oneOf options");
            }
        }
        if (schema.TryGetProperty("const", out var constant) && !JsonElement.DeepEquals(constant, value))
        {
            errors.Add($"{path}: is not {constant.GetRawText()}");
        }
        if (schema.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => JsonElement.DeepEquals(a, value)))
        {
            errors.Add($"{path}: {value.GetRawText()} is not among {allowed.GetRawText()}");
        }
        if (schema.TryGetProperty("type", out var type))
        {
            var types = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!types.Any(t => HasType(value, t)))
            {
                errors.Add($"{path}: {value.ValueKind} is not {string.Join("|", types)}");
                return;
            }
        }
        if (schema.TryGetProperty("pattern", out var pattern) && value.ValueKind == JsonValueKind.String
            && !Regex.IsMatch(value.GetString()!, pattern.GetString()!, RegexOptions.CultureInvariant))
        {
            errors.Add($"{path}: «{value.GetString()}» does not match {pattern.GetString()}");
        }
        if (schema.TryGetProperty("minimum", out var minimum) && value.ValueKind == JsonValueKind.Number && value.GetDecimal() < minimum.GetDecimal())
        {
            errors.Add($"{path}: {value.GetRawText()} is below {minimum.GetRawText()}");
        }
        if (value.ValueKind == JsonValueKind.Object)
        {
            if (schema.TryGetProperty("required", out var required))
            {
                foreach (var name in required.EnumerateArray())
                {
                    if (!value.TryGetProperty(name.GetString()!, out _))
                    {
                        errors.Add($"{path}: missing {name.GetString()}");
                    }
                }
            }
            if (schema.TryGetProperty("properties", out var properties))
            {
                foreach (var property in value.EnumerateObject())
                {
                    if (properties.TryGetProperty(property.Name, out var sub))
                    {
                        Check(sub, property.Value, path + "." + property.Name, errors);
                    }
                    else
                    {
                        errors.Add($"{path}: {property.Name} is not declared in the schema");
                    }
                }
            }
        }
        if (value.ValueKind == JsonValueKind.Array && schema.TryGetProperty("items", out var items))
        {
            int i = 0;
            foreach (var item in value.EnumerateArray())
            {
                Check(items, item, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", errors);
                i++;
            }
        }
    }

    private static bool HasType(JsonElement value, string type) => type switch
    {
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "string" => value.ValueKind == JsonValueKind.String,
        "null" => value.ValueKind == JsonValueKind.Null,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "number" => value.ValueKind == JsonValueKind.Number,
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        _ => throw new NotSupportedException($"type {type}"),
    };
}
