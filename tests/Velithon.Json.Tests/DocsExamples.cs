using System.Globalization;
using System.IO.Pipelines;

namespace Velithon.Json.Tests.DocsExamples;

// The example of docs/json.md, "Roots, streams and async", kept here so that it compiles (the tests run the same calls).
[VelithonJson]
public partial record Order(int Id, string Customer, decimal Total);

public static class OrderFeed
{
    public static async Task Examples(Stream stream, PipeReader pipe, List<Order> orders, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(orders);

        // Roots: a list, an array or any IReadOnlyList<T>; a string-keyed dictionary.
        byte[] json = VelithonJson.SerializeListToUtf8Bytes(orders);
        List<Order>? list = VelithonJson.DeserializeList<Order>(json);
        Order[]? array = VelithonJson.DeserializeArray<Order>(json);
        byte[] byId = VelithonJson.SerializeDictionaryToUtf8Bytes(orders.ToDictionary(o => o.Id.ToString(CultureInfo.InvariantCulture)));
        Dictionary<string, Order>? map = VelithonJson.DeserializeDictionary<Order>(byId);

        // One value from a stream or a pipe (read to the end), or into one.
        await VelithonJson.SerializeAsync(stream, orders[0], cancellationToken: ct);
        Order? first = await VelithonJson.DeserializeAsync<Order>(pipe, cancellationToken: ct);

        // A top-level array of any length, element by element in bounded memory.
        await foreach (Order? order in VelithonJson.DeserializeAsyncEnumerable<Order>(stream, cancellationToken: ct))
        {
            if (order is null)
            {
                continue;
            }

            if (order.Total > 1000m)
            {
                break; // stops reading: the rest of the stream is not read, the buffer goes back to the pool
            }
        }

        _ = (list, array, map, first);
    }
}
