using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Velithon.Json.Tests.Models;

namespace Velithon.Json.Tests;

/// <summary>
/// An unlisted runtime type of a polymorphic base that fails serialization is System.Text.Json's
/// <see cref="NotSupportedException"/>: its message followed by the write path (" Path: $.Member.", C# member names)
/// and the exception raised as its inner exception, through every write entry point.
/// </summary>
public sealed class NotSupportedWriteOracleTests
{
    private static readonly JsonSerializerOptions Resolved = new(JsonSerializerOptions.Web)
    {
        TypeInfoResolver = JsonTypeInfoResolver.Combine(new VelithonJsonTypeInfoResolver(), new DefaultJsonTypeInfoResolver()),
    };

    public static TheoryData<int> Cases => [.. Enumerable.Range(0, Values.Length)];

    private static readonly object[] Values =
    [
        new Zoo { Featured = new Hexagon { Size = 1 } },
        new Zoo { Shapes = [new Circle(), new Hexagon()] },
        new Zoo { Animals = [new Dog(), new Puppy()] },
        new Zoo { ByName = new() { ["a"] = new Puppy() } },
        new ZooHolder { Inner = new Zoo { Featured = new Hexagon() } },
        new ZooHolder { Inner = new Zoo { Shapes = [new Hexagon()] } },
        new ZooHolder { Named = new() { ["first"] = new Circle(), ["b.c"] = new Hexagon() } },
        new ZooHolder { Art = new Gallery { Featured = new Blob() } },
        new ZooHolder { Art = new Gallery { Figures = [new Disc(), new Blob()] } },
        new Exhibit("t", new Hexagon()),
        new Exhibit("t", new Circle()) { More = [new Hexagon()] },
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_unlisted_runtime_type_fails_like_STJ_everywhere(int index)
    {
        switch (Values[index])
        {
            case Zoo zoo:
                SameEverywhere(zoo);
                break;
            case ZooHolder holder:
                SameEverywhere(holder);
                break;
            case Exhibit exhibit:
                SameEverywhere(exhibit);
                break;
        }
    }

    [Fact]
    public void An_unlisted_runtime_type_at_the_root_fails_like_STJ_everywhere()
    {
        SameEverywhere<Shape>(new Hexagon());
        SameEverywhere<Animal>(new Puppy());
        SameEverywhere<IFigure>(new Blob());

        List<Shape> list = [new Circle(), new Hexagon()];
        Same("list", () => JsonSerializer.SerializeToUtf8Bytes(list, JsonSerializerOptions.Web), () => VelithonJson.SerializeListToUtf8Bytes<Shape>(list));
        Dictionary<string, Shape> map = new() { ["x"] = new Hexagon() };
        Same("dictionary", () => JsonSerializer.SerializeToUtf8Bytes(map, JsonSerializerOptions.Web), () => VelithonJson.SerializeDictionaryToUtf8Bytes<Shape>(map));
    }

    private static void SameEverywhere<T>(T value)
        where T : IVelithonJson<T>
    {
        Func<object> stj = () => JsonSerializer.SerializeToUtf8Bytes(value, JsonSerializerOptions.Web);
        Same("array", stj, () => VelithonJson.SerializeToUtf8Bytes(value));
        Same("buffer writer", stj, () =>
        {
            VelithonJson.Serialize(value, new ArrayBufferWriter<byte>());
            return 0;
        });
        Same("stream", stj, () =>
        {
            VelithonJson.SerializeAsync(new MemoryStream(), value).GetAwaiter().GetResult();
            return 0;
        });
        Same("resolver", stj, () => JsonSerializer.SerializeToUtf8Bytes(value, Resolved));
    }

    private static void Same(string entryPoint, Func<object> stj, Func<object> velithon)
    {
        Exception expected = Assert.ThrowsAny<Exception>(stj);
        Exception actual = Assert.ThrowsAny<Exception>(velithon);
        PolymorphismOracleTests.AssertSameException(expected, actual, "\nEntry point: " + entryPoint);
    }
}
