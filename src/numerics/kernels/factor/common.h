/*
 * Shared by the factor.wasm sources (the .c files of this folder): SIMD intrinsics and the
 * index type. Contract of the module: module.c.
 */
#ifndef FACTOR_COMMON_H
#define FACTOR_COMMON_H
#include <wasm_simd128.h>

typedef unsigned int u32;

#endif
