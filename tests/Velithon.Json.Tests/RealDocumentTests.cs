using System.Text.Json;
using Velithon.Benchmarks.Documents;

namespace Velithon.Json.Tests;

/// <summary>
/// The classic benchmark documents (benchmarks/Documents): the data is the oracle. Each is read by System.Text.Json
/// (source generation, the same settings) and by the generated code to equal values, written by both to the same bytes,
/// and the generated code reads its own output back to the same value again.
/// </summary>
public sealed class RealDocumentTests
{
    [Fact]
    public void Twitter_reads_and_writes_as_System_Text_Json() =>
        AssertSameAsStj("twitter", TwitterJsonContext.Default.TwitterSearch);

    [Fact]
    public void Canada_reads_and_writes_as_System_Text_Json() =>
        AssertSameAsStj("canada", WebDocumentsJsonContext.Default.CanadaGeoJson);

    [Fact]
    public void Citm_catalog_reads_and_writes_as_System_Text_Json() =>
        AssertSameAsStj("citm_catalog", WebDocumentsJsonContext.Default.CitmCatalog);

    [Fact]
    public void The_models_hold_the_whole_documents()
    {
        // A member the model left out would be skipped by both readers and pass the comparison above unseen: each
        // document, re-written by STJ from the model, must hold every value of the original (compared as JSON trees,
        // members the model writes as null where the document has none aside).
        foreach (var (name, info) in new (string, System.Text.Json.Serialization.Metadata.JsonTypeInfo)[]
        {
            ("twitter", TwitterJsonContext.Default.TwitterSearch),
            ("canada", WebDocumentsJsonContext.Default.CanadaGeoJson),
            ("citm_catalog", WebDocumentsJsonContext.Default.CitmCatalog),
        })
        {
            var original = RealDocuments.Load(name);
            var value = JsonSerializer.Deserialize(original, info);
            var rewritten = JsonSerializer.SerializeToUtf8Bytes(value, info);
            using var expected = JsonDocument.Parse(original);
            using var actual = JsonDocument.Parse(rewritten);
            var missing = FindMissing(expected.RootElement, actual.RootElement, "$");
            Assert.True(missing is null, $"{name}: {missing}");
        }
    }

    private static void AssertSameAsStj<T>(string name, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> stj)
        where T : IVelithonJson<T>
    {
        var document = RealDocuments.Load(name);

        var expected = JsonSerializer.Deserialize(document, stj)!;
        var actual = VelithonJson.Deserialize<T>(document)!;
        DeepEqual.AssertEqual(expected, actual);

        var stjBytes = JsonSerializer.SerializeToUtf8Bytes(expected, stj);
        var velithonBytes = VelithonJson.SerializeToUtf8Bytes(actual);
        Assert.True(stjBytes.AsSpan().SequenceEqual(velithonBytes),
            $"{name}: first difference at byte {FirstDifference(stjBytes, velithonBytes)} of {stjBytes.Length}");

        DeepEqual.AssertEqual(expected, VelithonJson.Deserialize<T>(velithonBytes));
    }

    private static int FirstDifference(byte[] a, byte[] b)
    {
        var common = a.AsSpan().CommonPrefixLength(b);
        return common;
    }

    private static string? FindMissing(JsonElement expected, JsonElement actual, string path)
    {
        if (expected.ValueKind == JsonValueKind.Object)
        {
            if (actual.ValueKind != JsonValueKind.Object) return $"{path}: expected an object, found {actual.ValueKind}";
            foreach (var member in expected.EnumerateObject())
            {
                if (!actual.TryGetProperty(member.Name, out var other)) return $"{path}.{member.Name} is not in the model";
                if (FindMissing(member.Value, other, $"{path}.{member.Name}") is { } missing) return missing;
            }
            return null;
        }
        if (expected.ValueKind == JsonValueKind.Array)
        {
            if (actual.ValueKind != JsonValueKind.Array || actual.GetArrayLength() != expected.GetArrayLength())
                return $"{path}: array lengths differ";
            var i = 0;
            foreach (var (e, a) in expected.EnumerateArray().Zip(actual.EnumerateArray()))
            {
                if (FindMissing(e, a, $"{path}[{i++}]") is { } missing) return missing;
            }
            return null;
        }
        if (expected.ValueKind == JsonValueKind.Number)
        {
            return actual.ValueKind == JsonValueKind.Number && expected.GetDouble() == actual.GetDouble()
                ? null : $"{path}: {expected.GetRawText()} became {actual.GetRawText()}";
        }
        return expected.ValueKind == actual.ValueKind && (expected.ValueKind != JsonValueKind.String || expected.GetString() == actual.GetString())
            ? null : $"{path}: {expected.GetRawText()} became {actual.GetRawText()}";
    }
}
