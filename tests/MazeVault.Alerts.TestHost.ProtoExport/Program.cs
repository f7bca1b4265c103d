using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;

// The worker package keeps its generated protocol types internal but embeds the whole descriptor:
// read it by reflection and write it (with its dependencies, in dependency order) as a FileDescriptorSet.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: ProtoExport <output.pb>");
    return 2;
}

const string ReflectionType = "Microsoft.Azure.Functions.Worker.Grpc.Messages.FunctionRpcReflection";
var assembly = Assembly.Load("Microsoft.Azure.Functions.Worker.Grpc");
var descriptor = assembly.GetType(ReflectionType, throwOnError: true)!
    .GetProperty("Descriptor", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!
    .GetValue(null) as FileDescriptor
    ?? throw new InvalidOperationException($"{ReflectionType}.Descriptor is not a FileDescriptor.");

var set = new FileDescriptorSet();
var seen = new HashSet<string>();
Add(descriptor);

Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(args[0]))!);
File.WriteAllBytes(args[0], set.ToByteArray());
Console.WriteLine($"Wrote {set.File.Count} files ({string.Join(", ", seen)}) to {args[0]}");
return 0;

void Add(FileDescriptor file)
{
    if (!seen.Add(file.Name))
    {
        return;
    }

    foreach (var dependency in file.Dependencies)
    {
        Add(dependency);
    }

    set.File.Add(FileDescriptorProto.Parser.ParseFrom(file.SerializedData));
}
