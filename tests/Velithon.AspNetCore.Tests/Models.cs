namespace Velithon.AspNetCore.Tests;

/// <summary>A small item, as a list endpoint would return.</summary>
[VelithonJson]
public partial record Item(int Id, string Name, double Score, List<string>? Tags);

/// <summary>A tiny item for the million-item stream.</summary>
[VelithonJson]
public partial record Tick(int N);

/// <summary>A self-referencing node, to hit the depth limit.</summary>
[VelithonJson]
public partial class Node
{
    public Node? Next { get; set; }
}

/// <summary>Compiled indented: one value is written as STJ writes it; list and batch results refuse it.</summary>
[VelithonJson(WriteIndented = true)]
public partial record PrettyItem(int Id, string Name, List<string>? Tags);
