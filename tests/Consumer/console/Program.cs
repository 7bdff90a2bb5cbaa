using System.Text.Json;
using Velithon;
using Velithon.Memory;

// Each check prints one line; any failure exits non-zero.
int failures = 0;

void Check(string name, bool ok, string detail = "")
{
    Console.WriteLine($"{(ok ? "ok  " : "FAIL")} {name}{(ok || detail.Length == 0 ? "" : ": " + detail)}");
    if (!ok)
    {
        failures++;
    }
}

var order = new Order(42, "Ünïcödé \"quoted\" <tag>", [1.5m, 2.25m], new Dictionary<string, int> { ["a"] = 1 }, Status.Shipped);
string expected = JsonSerializer.Serialize(order, new JsonSerializerOptions(JsonSerializerDefaults.Web));
string actual = System.Text.Encoding.UTF8.GetString(VelithonJson.SerializeToUtf8Bytes(order));
Check("[VelithonJson] serializer is generated and writes what System.Text.Json writes", actual == expected, actual + " != " + expected);

Order? back = VelithonJson.Deserialize<Order>(System.Text.Encoding.UTF8.GetBytes(expected));
Check("[VelithonJson] deserializer reads it back", back is not null && back.Id == order.Id && back.Name == order.Name && back.Prices.SequenceEqual(order.Prices) && back.Status == order.Status);

string interned = VelithonMemory.Default.Interner.Intern(new string('x', 3));
Check("runtime interner from the package", ReferenceEquals(interned, VelithonMemory.Default.Interner.Intern("xxx")));

Check("[InternedStrings] table finds a value from UTF-8 and returns the constant",
    Countries.TryGet("CH"u8, out string? country) && ReferenceEquals(country, Countries.Switzerland) && !Countries.TryGet("XX"u8, out _));
Check("[InternedStrings] table finds a value from chars", Countries.TryGet("DE".AsSpan(), out string? germany) && ReferenceEquals(germany, Countries.Germany));
Check("[InternedStrings(File = ...)] table finds a file value from UTF-8 as its generated constant",
    HttpHeaders.TryGet("x-forwarded-for"u8, out string? forwarded) && ReferenceEquals(forwarded, HttpHeaders.XForwardedFor)
    && HttpHeaders.TryGet("#fragment".AsSpan(), out _) && !HttpHeaders.TryGet("X-Forwarded-For"u8, out _));
Check("[InternedStrings(File = ...)] table lists constants then file lines",
    HttpHeaders.Count == 4 && HttpHeaders.All[0] == HttpHeaders.Host && HttpHeaders.All[3] == "#fragment" && HttpHeaders.AcceptUtf8.SequenceEqual("Accept"u8));

return failures == 0 ? 0 : 1;

[VelithonJson]
public partial record Order(int Id, string Name, decimal[] Prices, Dictionary<string, int> Counts, Status Status);

public enum Status { Pending, Shipped }

[InternedStrings]
public static partial class Countries
{
    public const string Switzerland = "CH";
    public const string Germany = "DE";
    public const string Japan = "JP";
}

[InternedStrings(File = "http-headers.interned.txt")]
public static partial class HttpHeaders
{
    public const string Host = "Host";
}
