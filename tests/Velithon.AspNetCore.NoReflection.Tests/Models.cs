using Microsoft.AspNetCore.Mvc;

namespace Velithon.AspNetCore.NoReflection.Tests;

/// <summary>A numeric enum.</summary>
public enum Kind
{
    Person,
    Robot,
}

/// <summary>Text the two encoders write differently, an enum, a nested type and a list.</summary>
[VelithonJson]
public partial record Person(int Id, string Name, Kind Kind, Address? Home, List<string> Tags);

/// <summary>A nested type.</summary>
[VelithonJson]
public partial record Address(string City, string? Zip);

/// <summary>MVC actions over the same type.</summary>
[ApiController]
[Route("mvc")]
public sealed class PeopleController : ControllerBase
{
    [HttpGet("one")]
    public IActionResult One() => Ok(Samples.Person);

    [HttpGet("typed")]
    public ActionResult<Person> Typed() => Ok(Samples.Person);

    // Without reflection, MVC's automatic 400 (a ValidationProblemDetails body) would need metadata for that type too;
    // this app answers an invalid body with a bare 400 instead (ApiBehaviorOptions in the test's start-up).
    [HttpPost("echo")]
    public IActionResult Echo([FromBody] Person person) => ModelState.IsValid ? Ok(person) : BadRequest();
}

internal static class Samples
{
    public static readonly Person Person = new(1, "Zoë <x> & 'y' + `z` \"q\" 😀 \u2028", Kind.Robot, new Address("Köln", null), ["<b>", "é"]);
}
