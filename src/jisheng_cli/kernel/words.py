"""Four bytes of a byte buffer at once, as one little-endian integer (an int64).

The dictionary hashes and compares cells four bytes a step: one unaligned 32-bit load
instead of four byte loads, shifts and ors (2–3 times faster look-ups). Compiled, it is
an LLVM load; under NUMBA_DISABLE_JIT the same value is put together byte by byte.
Callers only read words that lie inside a cell, so never past the buffer's end.
"""

from __future__ import annotations

from typing import Any

from jisheng_cli.kernel.jit import numba


def _word32_python(data: Any, i: int) -> int:
    return (int(data[i]) | (int(data[i + 1]) << 8) | (int(data[i + 2]) << 16)
            | (int(data[i + 3]) << 24))


def _word32_intrinsic() -> Any:
    from llvmlite import ir
    from numba import types
    from numba.extending import intrinsic

    @intrinsic
    def word32(typingctx: Any, arr: Any, idx: Any) -> Any:
        sig = types.int64(arr, idx)

        def codegen(context: Any, builder: Any, signature: Any, args: Any) -> Any:
            ary = context.make_array(signature.args[0])(context, builder, args[0])
            at = builder.gep(ary.data, [args[1]])
            value = builder.load(builder.bitcast(at, ir.IntType(32).as_pointer()), align=1)
            return builder.zext(value, ir.IntType(64))

        return sig, codegen

    return word32


word32 = _word32_python if getattr(numba.config, "DISABLE_JIT", False) else _word32_intrinsic()
