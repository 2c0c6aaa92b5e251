using Microsoft.Win32.SafeHandles;

namespace Dabir.Cli;

/// <summary>The output could not be written (a missing folder, a full disk, no permission): the message names the output.</summary>
internal sealed class OutputException(string path, string message, Exception inner) : Exception($"{path}: {message}", inner);

/// <summary>Whoever read our standard output closed it (<c>dabir normalize big.txt | head -1</c>): stop quietly.</summary>
internal sealed class OutputClosedException(Exception inner) : Exception("standard output was closed", inner);

/// <summary>
/// A command's output: a file, or standard output as a plain file handle. .NET's console stream ignores a closed pipe
/// and would let a command work to the end of its input for nobody; on the raw handle the write fails (the runtime
/// ignores SIGPIPE) and the command stops at once. Write errors name the output, not the input.
/// </summary>
internal sealed class OutputStream : Stream
{
    // errno EPIPE on Linux and macOS: .NET reports it as the IOException's HResult.
    private const int BrokenPipe = 32;

    private readonly Stream _inner;
    private readonly string _name;

    private OutputStream(Stream inner, string name)
    {
        _inner = inner;
        _name = name;
    }

    /// <summary>Opens <paramref name="path"/> (standard output for null or "-"), appending or truncating.</summary>
    public static OutputStream Open(string? path, bool append = false)
    {
        if (path is null or "-")
        {
            return new OutputStream(OpenStandardOutput(), "<stdout>");
        }
        try
        {
            return new OutputStream(new FileStream(path, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OutputException(path, Reason(e), e);
        }
    }

    // A pipe or a terminal as a raw handle (writes fail on a closed pipe); a regular file through the console
    // stream, whose write() moves the offset the shell shares between commands — a FileStream writes at its own
    // position, and `{ dabir a; dabir b; } > out` would have the second command overwrite the first.
    private static Stream OpenStandardOutput()
    {
        if (OperatingSystem.IsWindows())
        {
            return Console.OpenStandardOutput();
        }
        var raw = new FileStream(new SafeFileHandle(1, ownsHandle: false), FileAccess.Write, 1);
        if (!raw.CanSeek)
        {
            return raw;
        }
        raw.Dispose();
        return Console.OpenStandardOutput();
    }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Guarded(() => _inner.Write(buffer, offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        try
        {
            _inner.Write(buffer);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Translate(e);
        }
    }

    public override void WriteByte(byte value) => Guarded(() => _inner.WriteByte(value));

    public override void Flush() => Guarded(_inner.Flush);

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            try
            {
                _inner.Dispose();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A failed final flush is an output error like any other; a closed pipe at the end is no error.
                if (Translate(e) is OutputException output)
                {
                    throw output;
                }
            }
        }
        base.Dispose(disposing);
    }

    private void Guarded(Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Translate(e);
        }
    }

    private Exception Translate(Exception e) =>
        e is IOException { HResult: BrokenPipe } ? new OutputClosedException(e) : new OutputException(_name, Reason(e), e);

    private static string Reason(Exception e) => e switch
    {
        DirectoryNotFoundException => "its folder does not exist",
        UnauthorizedAccessException => "permission denied",
        _ => e.Message,
    };
}
