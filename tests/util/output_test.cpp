#include "stackpick/util/output.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>

#include "stackpick/util/error.hpp"

using namespace stackpick;

namespace {

std::string contents(const std::filesystem::path& path) {
    std::ifstream in(path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

}  // namespace

TEST_CASE("write_new_file_atomically never replaces an existing file", "[output]") {
    const auto directory = std::filesystem::temp_directory_path() /
                           ("stackpick-output-test-" + std::to_string(::getpid()));
    std::filesystem::remove_all(directory);
    std::filesystem::create_directories(directory);
    const auto path = directory / "0001-backend-stack.md";
    CHECK(write_new_file_atomically(path, "first\n"));
    CHECK_FALSE(write_new_file_atomically(path, "second\n"));
    CHECK(contents(path) == "first\n");
    // No temporary file is left beside it either way.
    CHECK(std::distance(std::filesystem::directory_iterator(directory),
                        std::filesystem::directory_iterator()) == 1);
    CHECK_THROWS_AS(write_new_file_atomically(directory / "missing" / "x.md", "x"), RuntimeError);
    std::filesystem::remove_all(directory);
}
