using System.Buffers;
using System.Text;
using CsCheck;
using Velithon.Json.Tests.Models;
using Xunit.Abstractions;

namespace Velithon.Json.Tests;

/// <summary>Allocation budgets: serializing allocates nothing; [Interned] members allocate no string per repeat.</summary>
[Collection(nameof(AllocationTests))]
[CollectionDefinition(nameof(AllocationTests), DisableParallelization = true)]
public sealed class AllocationTests(ITestOutputHelper output)
{
    [Fact]
    public void Serializing_into_a_reused_buffer_allocates_nothing()
    {
        AllocationFree[] values = Generators.AllocationFree.Array[200].Single();
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        long allocated = Allocations.Measure(
            () =>
            {
                foreach (AllocationFree value in values)
                {
                    buffer.ResetWrittenCount();
                    VelithonJson.Serialize(value, buffer);
                }
            },
            5);
        output.WriteLine($"{allocated} bytes allocated serializing {values.Length} values, 5 times");
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Indented_serializing_into_a_reused_buffer_allocates_nothing()
    {
        Profiles.IndentedTypicalRoot[] typical = ProfileGenerators.Root<Profiles.IndentedTypicalRoot, Profiles.IndentedTypicalChild>(nonFinite: false).Array[100].Single();
        Profiles.WideIndentedRoot[] wide = ProfileGenerators.Root<Profiles.WideIndentedRoot, Profiles.WideIndentedChild>(nonFinite: false).Array[100].Single();
        var buffer = new ArrayBufferWriter<byte>(1 << 20);
        long allocated = Allocations.Measure(
            () =>
            {
                foreach (Profiles.IndentedTypicalRoot value in typical)
                {
                    buffer.ResetWrittenCount();
                    VelithonJson.Serialize(value, buffer);
                }

                foreach (Profiles.WideIndentedRoot value in wide)
                {
                    buffer.ResetWrittenCount();
                    VelithonJson.Serialize(value, buffer);
                }
            },
            5);
        output.WriteLine($"{allocated} bytes allocated serializing {typical.Length + wide.Length} indented values, 5 times");
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Nullability_checks_allocate_nothing_when_writing()
    {
        // RespectNullableAnnotations: a null check per member and exception filters around nested members, no path kept.
        Profiles.NullCheckedRecord[] values = Gen.Select(Generators.String, Generators.NullableString, Generators.String, Gen.Int, (name, note, label, count) =>
            new Profiles.NullCheckedRecord(name, note, new Profiles.NullCheckedChild { Label = label, Extra = note }, count, name)).Array[200].Single();
        var buffer = new ArrayBufferWriter<byte>(1 << 20);
        long allocated = Allocations.Measure(
            () =>
            {
                foreach (Profiles.NullCheckedRecord value in values)
                {
                    buffer.ResetWrittenCount();
                    VelithonJson.Serialize(value, buffer);
                }
            },
            5);
        output.WriteLine($"{allocated} bytes allocated serializing {values.Length} null-checked values, 5 times");
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Interned_members_allocate_no_string_per_repeat()
    {
        // Four distinct 400-character roles: each new string would cost about 830 bytes.
        string[] roles = ["admin", "user", "guest", "owner"];
        roles = [.. roles.Select(r => r + new string('x', 400))];

        long interned = PerElement<TaggedList>(roles);
        long plain = PerElement<UntaggedList>(roles);
        output.WriteLine($"bytes per extra element: [Interned] {interned}, plain {plain}");
        Assert.True(interned < 200, $"[Interned]: {interned} bytes per extra element");
        Assert.True(plain > 800, $"control without [Interned]: {plain} bytes per extra element");
    }

    private static long PerElement<T>(string[] roles)
        where T : IVelithonJson<T>
    {
        const int n = 2000;
        const int calls = 3;
        byte[] small = Document(roles, n);
        byte[] large = Document(roles, 2 * n);
        long smallBytes = Allocations.Measure(() => VelithonJson.Deserialize<T>(small), calls);
        long largeBytes = Allocations.Measure(() => VelithonJson.Deserialize<T>(large), calls);

        // A budget per element, not a zero check: the division is of exact totals.
        return (largeBytes - smallBytes) / (calls * n);
    }

    private static byte[] Document(string[] roles, int count)
    {
        var sb = new StringBuilder("{\"items\":[");
        for (int i = 0; i < count; i++)
        {
            sb.Append(i == 0 ? "" : ",").Append("{\"role\":\"").Append(roles[i % roles.Length]).Append("\",\"n\":").Append(i).Append('}');
        }

        return Encoding.UTF8.GetBytes(sb.Append("]}").ToString());
    }

    [Fact]
    public void A_member_with_a_custom_converter_costs_only_the_converters_own_allocations()
    {
        Shipment[] shipments = [.. Enumerable.Range(0, 200).Select(i => new Shipment { Order = new OrderId(i * 7919L), Level = (ServiceLevel)(i % 3), Count = i })];
        var buffer = new ArrayBufferWriter<byte>(1 << 16);
        long free = Allocations.Measure(
            () =>
            {
                foreach (Shipment value in shipments)
                {
                    buffer.ResetWrittenCount();
                    VelithonJson.Serialize(value, buffer);
                }
            },
            5);
        output.WriteLine($"{free} bytes allocated serializing {shipments.Length} values with allocation-free converters, 5 times");
        Assert.Equal(0, free);

        // Money's converter allocates two strings per write: the generated code adds nothing to that.
        Priced[] priced = [.. Enumerable.Range(0, 200).Select(i => new Priced { Price = new Money(i * 1.25m, "EUR") })];
        long generated = Allocations.Measure(
            () =>
            {
                foreach (Priced value in priced)
                {
                    buffer.ResetWrittenCount();
                    VelithonJson.Serialize(value, buffer);
                }
            },
            5);
        var converter = new MoneyConverter();
        using var writer = new System.Text.Json.Utf8JsonWriter(buffer);
        long own = Allocations.Measure(
            () =>
            {
                foreach (Priced value in priced)
                {
                    buffer.ResetWrittenCount();
                    writer.Reset(buffer);
                    converter.Write(writer, value.Price, System.Text.Json.JsonSerializerOptions.Web);
                    writer.Flush();
                }
            },
            5);
        output.WriteLine($"{generated} bytes through the generated code, {own} bytes by the converter alone");
        Assert.True(own > 0, "control: the converter allocates");
        Assert.True(generated <= own, $"{generated} bytes through the generated code, {own} bytes by the converter alone");
    }
}
