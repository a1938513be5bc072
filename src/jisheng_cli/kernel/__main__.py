"""`python -m jisheng_cli.kernel`: compile every kernel into numba's cache (make test does
this first, so the test workers load the kernels instead of each compiling them)."""

from jisheng_cli.kernel import prepare

prepare()
