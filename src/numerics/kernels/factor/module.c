/*
 * Dense factorisation kernels for Sampled RNN Lab, compiled to WebAssembly (wasm32 + SIMD128) as
 * one module, factor.wasm, from the sources of this folder (one per numbered item below).
 * Build: `npm run build:wasm` (scripts/build-wasm.sh). Freestanding: no libc, no allocator; the
 * memory is imported and the TypeScript side carves the arrays out of it. All pointers are byte
 * offsets into linear memory, all sizes are counts of doubles (u32). Every result is bit for bit
 * the JS loop's it replaces: vectors only ever hold independent elements, each element keeps the
 * JS expression and order, each product and sum is rounded to double (no FMA in baseline SIMD,
 * -ffp-contract=off, no reassociation without -ffast-math).
 *
 * 1. Householder reflector updates (reflectKernel.ts, for src/numerics/linalg/householderQr.ts),
 *    applying H = I − τ v vᵀ to the trailing columns of a row-major B with k columns:
 *      vt_b:     w[j] = Σ_{i=i0}^{m−1} v[i]·B[i, j]          for j0 ≤ j < k
 *      rank_one: B[i, j] = B[i, j] − (τ·v[i])·w[j]           for i0 ≤ i < m, j0 ≤ j < k
 *    The vectors run across columns j, two per f64x2: w[j] starts at +0 and takes, per group of
 *    four rows i..i+3, w[j] = w[j] + (((v_i·B[i,j] + v_{i+1}·B[i+1,j]) + v_{i+2}·B[i+2,j]) +
 *    v_{i+3}·B[i+3,j]), then one row at a time; B[i,j] = B[i,j] − f_i·w[j] with f_i = τ·v_i.
 *
 * 2. Cholesky A = L Lᵀ (choleskyKernel.ts, for src/numerics/linalg/cholesky.ts), row-oriented:
 *      L[i,j] = (A[i,j] − Σ_{k<j} L[i,k]·L[j,k]) / L[j,j],   L[i,i] = √(A[i,i] − Σ_{k<i} L[i,k]²),
 *    every sum subtracting its terms in increasing k from A[i,j]. Rows i and i+1 are computed
 *    together as the two lanes of an f64x2 (their entries so far kept interleaved in a scratch
 *    row), four columns j..j+3 at a time as four independent chains over k < j, then the short
 *    triangular tail k = j..j+2 in order.
 *
 * 3. One column of the Householder reduction to Hessenberg form (hessenbergKernel.ts, for
 *    src/numerics/linalg/hessenberg.ts): with u (zero above row m) and invH = 1/h,
 *      p_i = (Σ_{j≥m} H[i,j]·u_j)·invH,  q_j = Σ_{i≥m} (u_i·invH)·H[i,j] (rows in pairs),
 *      γ = (Σ u_i·p_i)·invH (in pairs),  H[i,j] −= u_i·q_j + (p_i − γ·u_i)·u_j,
 *    and the accumulation Q ← Q P: s_i = (Σ_{j≥m} Q[i,j]·u_j)·invH, Q[i,j] −= s_i·u_j.
 *    Dot products stay scalar sequential chains (four rows at a time for overlap); q and the
 *    updates run two columns per f64x2.
 *
 * 4. LU with partial pivoting of a complex Hessenberg B = H − μI and solves with Bᴴ
 *    (hessenbergLuKernel.ts, for the inverse iteration of src/numerics/linalg/leftEigenvectors.ts):
 *    elimination k swaps rows k, k+1 when |B[k+1,k]|₁ > |B[k,k]|₁ and subtracts l_k·row k; the
 *    row updates and the forward substitution's column updates run two entries per f64x2.
 *
 * 5. Symmetric eigendecomposition (symmetricEigenKernel.ts, for
 *    src/numerics/linalg/symmetricEigen.ts): EISPACK tred2 and tql2 on the transposed
 *    accumulator W, transcribed statement by statement from the JS; the rank-two updates, the
 *    accumulation's updates and tql2's plane rotations of two rows of W run two entries per
 *    f64x2, every dot product stays a sequential chain.
 *
 * 6. Solves X (L Lᵀ) = B for the rows of X (choleskyKernel.ts, for cholesky.ts's
 *    choleskySolveRowsInPlace): forward with L, backward with U = Lᵀ, each entry
 *    x_i = (b_i − Σ_j l_ij x_j)·(1/l_ii) for rows in groups of four (the four rows interleaved in
 *    a scratch block, two per f64x2) and (b_i − Σ_j l_ij x_j)/l_ii for the last p mod 4 rows
 *    (independent scalar chains), the sums in increasing j (decreasing i for the backward pass).
 */
#include "common.h"

extern unsigned char __heap_base;

/** First free byte of linear memory above the stack and static data. */
__attribute__((export_name("heap_base"))) u32 heap_base(void) { return (u32)(&__heap_base); }
