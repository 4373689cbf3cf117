using System.Text.Json.Nodes;

namespace TiersLieux.EndToEnd.Tests;

/// <summary>
/// The dashboard's telemetry API answers in OTLP/JSON (resourceSpans → scopeSpans → spans). The tests read flat
/// spans: spanId, parentSpanId, name, kind (server, client, producer, consumer, internal), resource
/// (service.name), instance (service.instance.id) and depth in the trace (0 for its root).
/// </summary>
internal static class OtlpSpans
{
    private static readonly string[] Kinds = ["unspecified", "internal", "server", "client", "producer", "consumer"];

    public static List<JsonObject> Flatten(JsonObject? response)
    {
        var spans = new List<JsonObject>();
        foreach (var resourceSpans in response?["data"]?["resourceSpans"]?.AsArray() ?? [])
        {
            var attributes = resourceSpans!["resource"]?["attributes"]?.AsArray() ?? [];
            var service = Attribute(attributes, "service.name");
            var instance = Attribute(attributes, "service.instance.id");
            foreach (var scope in resourceSpans["scopeSpans"]?.AsArray() ?? [])
            {
                foreach (var span in scope!["spans"]?.AsArray() ?? [])
                {
                    var parent = span!["parentSpanId"]?.GetValue<string>();
                    spans.Add(new JsonObject
                    {
                        ["spanId"] = span["spanId"]!.GetValue<string>(),
                        ["parentSpanId"] = string.IsNullOrEmpty(parent) ? null : parent,
                        ["name"] = span["name"]!.GetValue<string>(),
                        ["kind"] = Kinds[Math.Clamp(span["kind"]?.GetValue<int>() ?? 0, 0, Kinds.Length - 1)],
                        ["resource"] = service,
                        ["instance"] = instance,
                    });
                }
            }
        }

        var byId = spans.ToDictionary(span => span["spanId"]!.GetValue<string>());
        foreach (var span in spans)
        {
            var depth = 0;
            for (var parent = span["parentSpanId"]?.GetValue<string>(); parent is not null && byId.TryGetValue(parent, out var next); parent = next["parentSpanId"]?.GetValue<string>())
            {
                depth++;
            }

            span["depth"] = depth;
        }

        return spans;
    }

    private static string? Attribute(JsonArray attributes, string key) =>
        attributes.FirstOrDefault(attribute => attribute!["key"]!.GetValue<string>() == key)?["value"]?["stringValue"]?.GetValue<string>();
}
