using Velithon;

namespace Consumer.Diagnostics;

// VLG101: a [VelithonJson] type must be partial.
[VelithonJson]
public class NotPartial
{
    public int Id { get; set; }
}
