package org.marginlab.train;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SegmentAllocator;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Bytes the C allocator has handed out and not yet got back (glibc's mallinfo2: uordblks + hblkhd).
 * PyTorch's CPU tensors are malloc'ed, the Java heap is not, so this sees native leaks without the
 * noise of the garbage-collected heap.
 */
final class NativeHeap {
    private static final MemoryLayout INFO = MemoryLayout.structLayout(
            ValueLayout.JAVA_LONG.withName("arena"), ValueLayout.JAVA_LONG.withName("ordblks"),
            ValueLayout.JAVA_LONG.withName("smblks"), ValueLayout.JAVA_LONG.withName("hblks"),
            ValueLayout.JAVA_LONG.withName("hblkhd"), ValueLayout.JAVA_LONG.withName("usmblks"),
            ValueLayout.JAVA_LONG.withName("fsmblks"), ValueLayout.JAVA_LONG.withName("uordblks"),
            ValueLayout.JAVA_LONG.withName("fordblks"), ValueLayout.JAVA_LONG.withName("keepcost"));
    private static final MethodHandle MALLINFO2 = Linker.nativeLinker().defaultLookup().find("mallinfo2")
            .map(f -> Linker.nativeLinker().downcallHandle(f, FunctionDescriptor.of(INFO)))
            .orElse(null);

    private NativeHeap() {
    }

    static boolean available() {
        return MALLINFO2 != null;
    }

    static long inUseBytes() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = (MemorySegment) MALLINFO2.invokeExact((SegmentAllocator) arena);
            return s.get(ValueLayout.JAVA_LONG, 7 * 8) + s.get(ValueLayout.JAVA_LONG, 4 * 8);
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
