/* simd.h — the thin 4-lane float layer every SIMD kernel is written in.
 *
 * Maps to SSE2 natively and to WebAssembly SIMD128 under Emscripten (-msimd128).
 * LRP_HAVE_SIMD is 0 where neither exists or when LRP_FORCE_SCALAR is defined: the
 * kernels then compile only their scalar reference paths.
 *
 * Determinism rules for every kernel written with it: only IEEE add, sub, mul, div and
 * sqrt on floats (correctly rounded everywhere), bitwise and integer ops on the bit
 * patterns, compares that yield masks, and selects built from masks. No FMA (build with
 * -ffp-contract=off), no min/max instructions (their NaN rules differ between SSE and
 * WebAssembly: use compares and selects), no float<->int conversion instructions (their
 * rounding differs: round with the 1.5*2^23 trick). The scalar twin of a kernel performs
 * the same operations in the same order, lane by lane, so both give identical bits.
 */
#ifndef LRP_SIMD_H
#define LRP_SIMD_H

#include <stdint.h>
#include <string.h>

#if !defined(LRP_FORCE_SCALAR) && defined(__wasm_simd128__)
#  define LRP_HAVE_SIMD 1
#  define LRP_SIMD_NAME "simd128"
#  include <wasm_simd128.h>
typedef v128_t v4f;   /* 4 x float32 */
typedef v128_t v4i;   /* 4 x int32 */
static inline v4f  v4_load(const float *p)        { return wasm_v128_load(p); }
static inline void v4_store(float *p, v4f a)      { wasm_v128_store(p, a); }
static inline v4f  v4_splat(float x)              { return wasm_f32x4_splat(x); }
static inline v4f  v4_add(v4f a, v4f b)           { return wasm_f32x4_add(a, b); }
static inline v4f  v4_sub(v4f a, v4f b)           { return wasm_f32x4_sub(a, b); }
static inline v4f  v4_mul(v4f a, v4f b)           { return wasm_f32x4_mul(a, b); }
static inline v4f  v4_div(v4f a, v4f b)           { return wasm_f32x4_div(a, b); }
static inline v4f  v4_sqrt(v4f a)                 { return wasm_f32x4_sqrt(a); }
static inline v4f  v4_gt(v4f a, v4f b)            { return wasm_f32x4_gt(a, b); }
static inline v4f  v4_lt(v4f a, v4f b)            { return wasm_f32x4_lt(a, b); }
static inline v4f  v4_and(v4f a, v4f b)           { return wasm_v128_and(a, b); }
static inline v4f  v4_andnot(v4f m, v4f b)        { return wasm_v128_andnot(b, m); } /* ~m & b */
static inline v4f  v4_or(v4f a, v4f b)            { return wasm_v128_or(a, b); }
static inline v4f  v4_xor(v4f a, v4f b)           { return wasm_v128_xor(a, b); }
static inline v4i  v4_as_int(v4f a)               { return a; }
static inline v4f  v4_as_float(v4i a)             { return a; }
static inline v4i  v4i_splat(int32_t x)           { return wasm_i32x4_splat(x); }
static inline v4i  v4i_add(v4i a, v4i b)          { return wasm_i32x4_add(a, b); }
static inline v4i  v4i_sub(v4i a, v4i b)          { return wasm_i32x4_sub(a, b); }
static inline v4i  v4i_shl(v4i a, int n)          { return wasm_i32x4_shl(a, n); }
static inline v4i  v4i_sar(v4i a, int n)          { return wasm_i32x4_shr(a, n); }
#elif !defined(LRP_FORCE_SCALAR) && (defined(__SSE2__) || defined(_M_X64))
#  define LRP_HAVE_SIMD 1
#  define LRP_SIMD_NAME "sse2"
#  include <emmintrin.h>
typedef __m128  v4f;
typedef __m128i v4i;
static inline v4f  v4_load(const float *p)        { return _mm_loadu_ps(p); }
static inline void v4_store(float *p, v4f a)      { _mm_storeu_ps(p, a); }
static inline v4f  v4_splat(float x)              { return _mm_set1_ps(x); }
static inline v4f  v4_add(v4f a, v4f b)           { return _mm_add_ps(a, b); }
static inline v4f  v4_sub(v4f a, v4f b)           { return _mm_sub_ps(a, b); }
static inline v4f  v4_mul(v4f a, v4f b)           { return _mm_mul_ps(a, b); }
static inline v4f  v4_div(v4f a, v4f b)           { return _mm_div_ps(a, b); }
static inline v4f  v4_sqrt(v4f a)                 { return _mm_sqrt_ps(a); }
static inline v4f  v4_gt(v4f a, v4f b)            { return _mm_cmpgt_ps(a, b); }
static inline v4f  v4_lt(v4f a, v4f b)            { return _mm_cmplt_ps(a, b); }
static inline v4f  v4_and(v4f a, v4f b)           { return _mm_and_ps(a, b); }
static inline v4f  v4_andnot(v4f m, v4f b)        { return _mm_andnot_ps(m, b); }    /* ~m & b */
static inline v4f  v4_or(v4f a, v4f b)            { return _mm_or_ps(a, b); }
static inline v4f  v4_xor(v4f a, v4f b)           { return _mm_xor_ps(a, b); }
static inline v4i  v4_as_int(v4f a)               { return _mm_castps_si128(a); }
static inline v4f  v4_as_float(v4i a)             { return _mm_castsi128_ps(a); }
static inline v4i  v4i_splat(int32_t x)           { return _mm_set1_epi32(x); }
static inline v4i  v4i_add(v4i a, v4i b)          { return _mm_add_epi32(a, b); }
static inline v4i  v4i_sub(v4i a, v4i b)          { return _mm_sub_epi32(a, b); }
static inline v4i  v4i_shl(v4i a, int n)          { return _mm_slli_epi32(a, n); }
static inline v4i  v4i_sar(v4i a, int n)          { return _mm_srai_epi32(a, n); }
#else
#  define LRP_HAVE_SIMD 0
#  define LRP_SIMD_NAME "scalar"
#endif

#if LRP_HAVE_SIMD
/* mask ? a : b, with mask lanes all-ones or all-zeros */
static inline v4f v4_select(v4f mask, v4f a, v4f b) { return v4_or(v4_and(mask, a), v4_andnot(mask, b)); }
#endif

/* Scalar helpers for the twins: bit casts without aliasing trouble. */
static inline uint32_t lrp_f2u(float f) { uint32_t u; memcpy(&u, &f, 4); return u; }
static inline float    lrp_u2f(uint32_t u) { float f; memcpy(&f, &u, 4); return f; }

#endif /* LRP_SIMD_H */
