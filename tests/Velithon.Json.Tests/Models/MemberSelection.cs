using System.Text.Json;
using System.Text.Json.Serialization;

namespace Velithon.Json.Tests.Profiles;

// Types whose constructor parameters bind to members that IgnoreReadOnlyProperties / IgnoreReadOnlyFields leave out
// of the output: System.Text.Json still reads them through the constructor.

/// <summary>Get-only properties and a readonly field bound to constructor parameters, fields included.</summary>
[VelithonJson(IgnoreReadOnlyProperties = true, IgnoreReadOnlyFields = true, IncludeFields = true)]
public partial class ReadOnlyBound
{
    [JsonConstructor]
    public ReadOnlyBound(int id, string? name, long serial, List<int>? items)
    {
        Id = id;
        Name = name;
        Serial = serial;
        Items = items;
    }

    public int Id { get; }

    public string? Name { get; }

    public List<int>? Items { get; }

    // Not constructor parameters: nullable, as System.Text.Json reads such members of a type with a parameterized
    // constructor after the object's end (a conversion error there has the position of the object's end, a known
    // difference, docs/json.md).
    public int? Extra { get; set; }

    public readonly long Serial;

    public double? Ratio;

    public readonly string Fixed = "fixed";
}

/// <summary>A record: its primary-constructor properties are init-only (settable), only the computed one is read-only.</summary>
[VelithonJson(IgnoreReadOnlyProperties = true)]
public partial record ReadOnlyRecord(int Id, string? Name)
{
    public int Derived => Id * 2;

    // Not constructor parameters: values a syntax error cannot be inside (System.Text.Json skips such members of a type
    // with a parameterized constructor first and reads them after the object's end, so an error inside a list there
    // has the member's path, not the element's, and a conversion error the object end's position: known differences
    // of the generated code, not of these options).
    public string? Note { get; init; }
}

/// <summary>A struct of public fields: members with IncludeFields, the readonly one left out when written.</summary>
[VelithonJson(IncludeFields = true, IgnoreReadOnlyFields = true)]
public partial struct FieldPoint
{
    public int X;

    public int Y;

    public readonly int Z = 7;

    public string? Tag;

    public FieldPoint()
    {
    }

    public readonly int Sum => X + Y;
}

/// <summary>RespectRequiredConstructorParameters: the parameters without a default value are required, with a [JsonRequired] member.</summary>
[VelithonJson(RespectRequiredConstructorParameters = true)]
public partial class RequiredArgs
{
    public RequiredArgs(int id, string? name, long count = 5, List<int>? items = null)
    {
        Id = id;
        Name = name;
        Count = count;
        Items = items;
    }

    public int Id { get; }

    [JsonRequired]
    public int? Also { get; set; }

    public string? Name { get; }

    public long Count { get; }

    public List<int>? Items { get; }

    public string? Note { get; set; }
}

/// <summary>A record whose primary-constructor parameters are required (the one with a default value is not).</summary>
[VelithonJson(JsonSerializerDefaults.General, RespectRequiredConstructorParameters = true)]
public partial record RequiredRecord(int Id, string Name, double Ratio = 0.5);
