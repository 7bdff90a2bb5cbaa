using System.Text.Json;
using BenchmarkDotNet.Attributes;

namespace Velithon.Benchmarks;

/// <summary>
/// Where deserialization time goes, on the POCO of <see cref="JsonDeserializePocoBenchmarks"/>: the full STJ and
/// Velithon reads against <see cref="Utf8JsonReader"/> alone (the tokenizer's floor) and the tokenizer plus its
/// value getters (what generated code built on the reader cannot go below).
/// </summary>
[MemoryDiagnoser]
public class JsonReadFloorBenchmarks
{
    private byte[] _json = [];

    [GlobalSetup]
    public void Setup() => _json = JsonSerializer.SerializeToUtf8Bytes(JsonPoco.Create(7), JsonBenchmarkContext.Default.JsonPoco);

    [Benchmark(Baseline = true)]
    public JsonPoco? StjSourceGen() => JsonSerializer.Deserialize(_json, JsonBenchmarkContext.Default.JsonPoco);

    [Benchmark]
    public JsonPoco? Velithon() => VelithonJson.Deserialize<JsonPoco>(_json);

    [Benchmark]
    public int ReaderOnly()
    {
        var reader = new Utf8JsonReader(_json);
        int tokens = 0;
        while (reader.Read())
        {
            tokens++;
        }

        return tokens;
    }

    [Benchmark]
    public long ReaderAndGetters()
    {
        var reader = new Utf8JsonReader(_json);
        long sum = 0;
        reader.Read();
        int member = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            reader.Read();

            // The members in declared (and written) order.
            switch (member++)
            {
                case 0: sum += reader.GetInt32(); break;
                case 1 or 2 or 9: sum += reader.GetString()!.Length; break;
                case 3: sum += (long)reader.GetDouble(); break;
                case 4: sum += reader.GetBoolean() ? 1 : 0; break;
                case 5: sum += reader.GetDateTime().Ticks; break;
                case 6: sum += reader.GetInt64(); break;
                case 7: sum += (long)reader.GetDecimal(); break;
                default: sum += reader.GetGuid().GetHashCode(); break;
            }
        }

        return sum;
    }
}
