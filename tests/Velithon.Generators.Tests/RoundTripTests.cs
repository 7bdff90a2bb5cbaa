using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;

namespace Velithon.Generators.Tests;

/// <summary>
/// Smoke test of the generated code at run time: compiled in memory, its output is compared with
/// System.Text.Json (Web defaults), then read back and written again. The full oracle suite is in the JSON tests.
/// </summary>
public sealed class RoundTripTests
{
    private const string Samples = """
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;

        namespace Demo;

        public static class Samples
        {
            public static object[] All()
            {
                var line = new Line { Sku = "A<1>", Qty = 2 };
                var order = new Order
                {
                    Lines = [line, new Line { Sku = "\u00e9\U0001F600", Qty = -1 }],
                    Extra = [line],
                    Ids = [1, 2, 3],
                    Weights = new List<double> { 0.5, 1e300 },
                    Refs = new List<Guid> { Guid.Empty },
                    Tags = new[] { "x", "y" },
                    Stamps = ImmutableArray.Create(1L, long.MaxValue),
                    ByCode = new Dictionary<string, Line> { ["k\"1"] = line },
                    Counts = new Dictionary<string, int> { ["a"] = 1 },
                    Nested = new Dictionary<string, List<int?>> { ["n"] = new() { 1, null } },
                    Owner = new Customer { Name = "Bo", Orders = [] },
                    Where = new Point { X = 1, Y = 2 },
                    MaybeWhere = new Point { X = 3, Y = 4 },
                };

                return new object[]
                {
                    new AllPrimitives
                    {
                        Flag = true, U8 = 200, I8 = -5, I16 = -300, U16 = 60000, I32 = int.MinValue, U32 = uint.MaxValue,
                        I64 = long.MinValue, U64 = ulong.MaxValue, F32 = 1.5f, F64 = 0.1, Money = 12.340m,
                        Text = "h\u00e9llo <b>&'+` \"q\" \\ \n", Letter = 'x', Id = new Guid("0f8fad5b-d9cb-469f-a165-70867728950e"),
                        When = new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), At = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(2)),
                        Day = new DateOnly(2024, 1, 2), Time = new TimeOnly(3, 4, 5), Span = TimeSpan.FromMinutes(90),
                        Link = new Uri("https://example.com/a?b=c"), Blob = [1, 2, 3], MaybeInt = 5, MaybeWhen = null, Role = "admin",
                    },
                    new AllPrimitives(),
                    new Person(1, "Ann") { Email = "a@b.c", Age = 3 },
                    new Person(2, "Bob") { Email = "b@c.d", Nickname = null },
                    order,
                    new Order { Stamps = [] },
                    new Palette { Main = Color.Blue, Access = Perms.Read | Perms.Write | Perms.Exec, Lvl = Level.High, Maybe = Color.Red, All = [Color.Green], NamedLevel = Level.Low },
                    new Palette { Access = (Perms)16, Main = (Color)7 },
                    new Palette { Access = Perms.None },
                    new Tuned { Name = "n", Secret = 9, Note = null, Count = 0, First = 1, Field = 4, Must = 5 },
                    new Tuned { Note = "x", Count = 2 },
                    new Derived { Extra = 7, Must = 1 },
                    new Built("c", 9) { Optional = "o" },
                };
            }
        }
        """;

    [Fact]
    public void Generated_code_writes_like_SystemTextJson_and_reads_its_own_output()
    {
        GeneratorResult result = GeneratorHarness.Run(
            TestSources.AllPrimitives, TestSources.RecordWithConstructor, TestSources.NestedAndCollections,
            TestSources.StringEnums, TestSources.Attributes, Samples);
        Assert.Empty(result.GeneratorDiagnostics);
        Assert.Empty(result.CompilationProblems);

        using var stream = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emit = result.Output.Emit(stream);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
        Assembly assembly = Assembly.Load(stream.ToArray());

        var readOptions = new JsonSerializerOptions(JsonSerializerOptions.Web);
        readOptions.Converters.Add(new VelithonJsonConverterFactory());
        MethodInfo serialize = typeof(VelithonJson).GetMethod(nameof(VelithonJson.SerializeToUtf8Bytes))!;

        var samples = (object[])assembly.GetType("Demo.Samples")!.GetMethod("All")!.Invoke(null, null)!;
        var failures = new List<string>();
        foreach (object sample in samples)
        {
            Type type = sample.GetType();
            string expected = JsonSerializer.Serialize(sample, type, JsonSerializerOptions.Web);
            string actual = Encoding.UTF8.GetString((byte[])serialize.MakeGenericMethod(type).Invoke(null, [sample, null])!);
            if (expected != actual)
            {
                failures.Add($"{type.Name} write:{Environment.NewLine}  stj: {expected}{Environment.NewLine}  gen: {actual}");
                continue;
            }

            object? read = JsonSerializer.Deserialize(actual, type, readOptions);
            string again = Encoding.UTF8.GetString((byte[])serialize.MakeGenericMethod(type).Invoke(null, [read, null])!);
            if (again != actual)
            {
                failures.Add($"{type.Name} round trip:{Environment.NewLine}  first:  {actual}{Environment.NewLine}  second: {again}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }
}
