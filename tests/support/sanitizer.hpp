#pragma once

// Whether this test binary runs under AddressSanitizer or ThreadSanitizer. GCC defines
// __SANITIZE_ADDRESS__ / __SANITIZE_THREAD__; clang answers __has_feature instead, and the
// sanitizer suite in CI is built with either.

namespace stackpick::testing {

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
inline constexpr bool k_under_sanitizer = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
inline constexpr bool k_under_sanitizer = true;
#else
inline constexpr bool k_under_sanitizer = false;
#endif
#else
inline constexpr bool k_under_sanitizer = false;
#endif

}  // namespace stackpick::testing
