// fmt's compiled part, built into stackpick rather than linked from libfmt.so. Together with the
// static libstdc++ (CMakeLists.txt), the binary then needs no C++ shared library at all, and
// start-up resolves no C++ symbols: half of the instructions a cold start used to spend before
// main() (bench/README.md, cold start). Every other file uses fmt as usual, without
// FMT_HEADER_ONLY, so fmt's implementation is compiled once, here.
#include <fmt/format-inl.h>

FMT_BEGIN_NAMESPACE
namespace detail {

// The templates fmt/format.h declares `extern template` for char (its library interface).
template auto thousands_sep_impl<char>(locale_ref) -> thousands_sep_result<char>;
template auto decimal_point_impl(locale_ref) -> char;

}  // namespace detail
FMT_END_NAMESPACE
