using System.Text.Json;
using System.Text.Json.Serialization;
using Xunit;

namespace Velithon.Json.Tests;

// Concurrency on first use: many threads released at once onto a type's first serialization.
public sealed class ConcurrencyProbeTests
{
    private const int Threads = 12;

    [Fact]
    public void A_member_converter_is_created_once_when_many_threads_first_write_its_type_at_the_same_time()
    {
        using var barrier = new Barrier(Threads);
        var results = new byte[Threads][];
        var workers = new Thread[Threads];
        for (int i = 0; i < Threads; i++)
        {
            int index = i;
            workers[i] = new Thread(() =>
            {
                barrier.SignalAndWait();
                results[index] = VelithonJson.SerializeToUtf8Bytes(new ProbeFirstUse { Name = "n" + index, Value = new ProbeOnce(index) });
            });
            workers[i].Start();
        }

        foreach (Thread worker in workers)
        {
            worker.Join();
        }

        Assert.Equal(1, ProbeOnceConverter.Created);
        for (int i = 0; i < Threads; i++)
        {
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(new ProbeFirstUse { Name = "n" + i, Value = new ProbeOnce(i) }, JsonSerializerOptions.Web), results[i]);
        }
    }
}

public readonly record struct ProbeOnce(int Number);

/// <summary>Counts its instances; slow to create, as a converter that loads a table is.</summary>
public sealed class ProbeOnceConverter : JsonConverter<ProbeOnce>
{
    private static int s_created;

    public ProbeOnceConverter()
    {
        Interlocked.Increment(ref s_created);
        Thread.Sleep(50);
    }

    public static int Created => Volatile.Read(ref s_created);

    public override ProbeOnce Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => new(reader.GetInt32());

    public override void Write(Utf8JsonWriter writer, ProbeOnce value, JsonSerializerOptions options) => writer.WriteNumberValue(value.Number);
}

[VelithonJson]
public sealed partial class ProbeFirstUse
{
    public string? Name { get; set; }

    [JsonConverter(typeof(ProbeOnceConverter))]
    public ProbeOnce Value { get; set; }
}
