// Replays fuzz inputs without libFuzzer: each file named on the command line (a directory means
// every file under it, in sorted order) goes once through LLVMFuzzerTestOneInput. A finding aborts
// the process, so ctest sees it as a failure; the last "replaying" line names the input.

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

std::vector<std::filesystem::path> inputs_under(const std::filesystem::path& path) {
    std::vector<std::filesystem::path> inputs;
    if (std::filesystem::is_directory(path)) {
        for (const auto& entry : std::filesystem::recursive_directory_iterator(path))
            if (entry.is_regular_file()) inputs.push_back(entry.path());
        std::sort(inputs.begin(), inputs.end());
    } else {
        inputs.push_back(path);
    }
    return inputs;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s CORPUS_DIR_OR_FILE...\n", argv[0]);
        return 2;
    }
    // Absolute paths first: a target may change the working directory (fuzz_arguments does).
    std::vector<std::filesystem::path> inputs;
    for (int i = 1; i < argc; ++i) {
        if (!std::filesystem::exists(argv[i])) {
            std::fprintf(stderr, "%s: no such file or directory\n", argv[i]);
            return 2;
        }
        for (const auto& path : inputs_under(std::filesystem::absolute(argv[i])))
            inputs.push_back(path);
    }
    std::size_t replayed = 0;
    for (const auto& path : inputs) {
        std::ifstream in(path, std::ios::binary);
        const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                      std::istreambuf_iterator<char>());
        if (!in.eof() && in.fail()) {
            std::fprintf(stderr, "%s: cannot read\n", path.c_str());
            return 2;
        }
        // stderr, unbuffered: still there when an input aborts the process.
        std::fprintf(stderr, "replaying %s\n", path.c_str());
        // A copy in its own allocation, as libFuzzer passes it, so ASan sees overreads.
        std::vector<std::uint8_t> input(bytes.begin(), bytes.end());
        (void)LLVMFuzzerTestOneInput(input.data(), input.size());
        ++replayed;
    }
    if (replayed == 0) {
        std::fprintf(stderr, "no inputs found\n");
        return 1;
    }
    std::printf("%zu inputs replayed without a finding\n", replayed);
    return 0;
}
