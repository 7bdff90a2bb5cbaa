using System.Runtime.CompilerServices;

namespace Velithon.Json;

/// <summary>
/// The stack guard of the recursive readers and writer: generated <c>ReadJson</c>, <c>TryReadJsonFast</c> and
/// <c>WriteJson</c> methods recurse once per nested object, so the depth of the input (or of the object graph) decides
/// how much stack they take. Past the first <see cref="UncheckedDepth"/> levels each new level first asks the runtime
/// (<see cref="RuntimeHelpers.TryEnsureSufficientExecutionStack"/>: at least 128 KB left on 64-bit) and fails with a
/// <see cref="System.Text.Json.JsonException"/> (the fast path gives up) instead of overflowing the stack, whatever
/// <see cref="VelithonJsonOptions.MaxDepth"/> or System.Text.Json's <c>MaxDepth</c> allows.
/// </summary>
internal static class JsonStack
{
    /// <summary>
    /// Levels entered without asking: a bounded amount of stack, as any call takes, and a thread whose stack leaves less
    /// than the runtime's reserve (a 128 KB thread) still reads and writes shallow documents.
    /// </summary>
    public const int UncheckedDepth = 16;

    /// <summary>Whether a level at <paramref name="depth"/> (0 for the outermost) may be entered.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool HasRoomAt(int depth) => depth < UncheckedDepth || RuntimeHelpers.TryEnsureSufficientExecutionStack();
}
