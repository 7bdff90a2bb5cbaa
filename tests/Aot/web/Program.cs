using Velithon;
using Velithon.AotWeb;

// The app has no JsonSerializerContext: AddVelithonJson() alone lets ASP.NET Core write and read the
// [VelithonJson] types below, through their generated code, in a native AOT binary.
WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(args);
builder.Services.AddVelithonJson();
WebApplication app = builder.Build();

var person = new Person(1, "Zoë <x> & 'y'", [new Address("Köln")]);
app.MapGet("/person", () => person);
app.MapGet("/people", () => new List<Person> { person, person with { Id = 2, Addresses = [] } });
app.MapPost("/echo", (Person body) => body);
app.Run();

namespace Velithon.AotWeb
{
    /// <summary>A person (generated JSON code).</summary>
    [VelithonJson]
    public partial record Person(int Id, string Name, List<Address> Addresses);

    /// <summary>An address (generated JSON code).</summary>
    [VelithonJson]
    public partial record Address(string City);
}
