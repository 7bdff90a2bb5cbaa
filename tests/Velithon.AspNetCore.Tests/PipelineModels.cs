using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;

namespace Velithon.AspNetCore.Tests;

/// <summary>An abstract polymorphic base with string discriminators.</summary>
[VelithonJson]
[JsonDerivedType(typeof(PetDog), "dog")]
[JsonDerivedType(typeof(PetCat), "cat")]
public abstract partial class Pet
{
    public string? Name { get; set; }
}

/// <summary>A derived pet.</summary>
[VelithonJson]
public partial class PetDog : Pet
{
    public bool Barks { get; set; }
}

/// <summary>Another derived pet.</summary>
[VelithonJson]
public partial class PetCat : Pet
{
    public int Lives { get; set; }
}

/// <summary>A generic page.</summary>
[VelithonJson]
public partial class Paged<T>
{
    public int Number { get; set; }

    public List<T> Items { get; set; } = [];

    public string? Cursor { get; set; }
}

/// <summary>Extension data.</summary>
[VelithonJson]
public sealed partial class Bag
{
    public int Id { get; set; }

    public string? Name { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A plain mutable class with nullable members, a date, a decimal and a self reference.</summary>
[VelithonJson]
public partial class Ledger
{
    public int Id { get; set; }

    public string? Note { get; set; }

    public DateTime At { get; set; }

    public decimal Amount { get; set; }

    public double? Rate { get; set; }

    public Ledger? Parent { get; set; }
}

/// <summary>Writes every <see cref="int"/> as a string: a converter for a member type.</summary>
public sealed class IntAsTextConverter : JsonConverter<int>
{
    public override int Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? int.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : reader.GetInt32();

    public override void Write(Utf8JsonWriter writer, int value, JsonSerializerOptions options) =>
        writer.WriteStringValue("#" + value.ToString(System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>Writes <see cref="DateTime"/> as a date only: a converter for a member type of <see cref="Ledger"/> alone.</summary>
public sealed class DateOnlyTextConverter : JsonConverter<DateTime>
{
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTime.Parse(reader.GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
}

internal static class PipelineSamples
{
    public static readonly Greeting Greeting = new(1, "Zoë <x> & 'y' + `z` \"q\" 😀 \u2028", Mood.Cheerful, ["<b>", "é"]);

    public static List<Greeting> Greetings => [Greeting, Greeting with { Id = 2, Tags = [] }];

    public static List<Pet> Pets => [new PetDog { Name = "Rex", Barks = true }, new PetCat { Name = "Tom <t>", Lives = 9 }];

    public static Paged<Item> Page => new() { Number = 3, Items = [new Item(1, "a", 0.1, null), new Item(2, "ö", 1e300, ["x"])], Cursor = null };

    public static Bag Bag => new() { Id = 4, Name = null, Extra = new() { ["more"] = JsonDocument.Parse("""{"a":[1,2.50,"<z>"]}""").RootElement.Clone() } };

    public static Ledger Ledger => new() { Id = 5, Note = null, At = new DateTime(2026, 12, 7, 10, 30, 0, DateTimeKind.Utc), Amount = 12.50m, Rate = null, Parent = new Ledger { Id = 6, Note = "p" } };

    public static async IAsyncEnumerable<Greeting> StreamAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (Greeting g in Greetings)
        {
            await Task.Yield();
            cancellationToken.ThrowIfCancellationRequested();
            yield return g;
        }
    }
}

/// <summary>MVC actions for <see cref="PipelineOracleTests"/>.</summary>
[ApiController]
[Route("mvc")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "MVC actions are instance methods.")]
public sealed class PipelineController : ControllerBase
{
    [HttpGet("value")]
    public Greeting Value() => PipelineSamples.Greeting;

    [HttpGet("action")]
    public ActionResult<Greeting> Action() => PipelineSamples.Greeting;

    [HttpGet("action-ok")]
    public ActionResult<Greeting> ActionOk() => Ok(PipelineSamples.Greeting);

    [HttpGet("ok")]
    public IActionResult OkResult() => Ok(PipelineSamples.Greeting);

    [HttpGet("greeting/{id:int}")]
    public ActionResult<Greeting> ById(int id) => id == 404 ? NotFound() : PipelineSamples.Greeting with { Id = id };

    [HttpPost("create")]
    public IActionResult Create([FromBody] Greeting greeting) => CreatedAtAction(nameof(ById), new { id = greeting.Id }, greeting);

    [HttpGet("stream")]
    public IAsyncEnumerable<Greeting> Stream() => PipelineSamples.StreamAsync(HttpContext.RequestAborted);

    [HttpGet("list")]
    public List<Greeting> List() => PipelineSamples.Greetings;

    [HttpGet("pet")]
    public Pet OnePet() => PipelineSamples.Pets[1];

    [HttpGet("action-pet")]
    public ActionResult<Pet> ActionPet() => PipelineSamples.Pets[0];

    [HttpGet("pets")]
    public List<Pet> Pets() => PipelineSamples.Pets;

    [HttpGet("page")]
    public Paged<Item> Page() => PipelineSamples.Page;

    [HttpGet("bag")]
    public Bag Bag() => PipelineSamples.Bag;

    [HttpGet("ledger")]
    public Ledger Ledger() => PipelineSamples.Ledger;

    [HttpPost("echo")]
    public Greeting Echo([FromBody] Greeting greeting) => greeting;

    [HttpPost("echo-list")]
    public List<Greeting> EchoList([FromBody] List<Greeting> greetings) => greetings;

    [HttpPost("echo-pet")]
    public Pet EchoPet([FromBody] Pet pet) => pet;

    [HttpPost("echo-page")]
    public Paged<Item> EchoPage([FromBody] Paged<Item> page) => page;

    [HttpPost("echo-bag")]
    public Bag EchoBag([FromBody] Bag bag) => bag;

    [HttpPost("echo-ledger")]
    public Ledger EchoLedger([FromBody] Ledger ledger) => ledger;

    [HttpPost("echo-node")]
    public Node EchoNode([FromBody] Node node) => node;
}
