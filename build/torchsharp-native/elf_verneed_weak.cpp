// Marks one version requirement (a Vernaux entry in .gnu.version_r) of an
// ELF64 little-endian shared object as VER_FLG_WEAK, so the dynamic loader
// no longer refuses the object when the providing library lacks that version.
//
//   elf_verneed_weak query  <file> <version>
//       prints "absent", "strong" or "weak" for <version> (e.g. GLIBCXX_3.4.32)
//   elf_verneed_weak weaken <file> <version> [symbol...]
//       sets VER_FLG_WEAK in place (edit a copy!). Refuses unless every
//       dynamic symbol bound to <version> is one of the listed symbols, so a
//       library needing more than the shim provides is never hidden.
//
// Exit codes: 0 ok, 1 usage or I/O error, 2 not a supported ELF file,
// 3 refused (unexpected symbols bound to the version).
#include <elf.h>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <set>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace
{
    struct Found
    {
        bool present = false;
        std::size_t flagsOffset = 0;
        std::uint16_t flags = 0;
        std::uint16_t index = 0;
    };

    class Image
    {
    public:
        explicit Image(std::vector<char> bytes) : bytes_(std::move(bytes)) {}

        template <typename T>
        const T* at(std::uint64_t offset, std::uint64_t count = 1) const
        {
            if (offset > bytes_.size() || count > (bytes_.size() - offset) / sizeof(T))
            {
                throw std::runtime_error("truncated or malformed ELF file");
            }
            return reinterpret_cast<const T*>(bytes_.data() + offset);
        }

        std::string string(std::uint64_t tableOffset, std::uint64_t tableSize, std::uint64_t index) const
        {
            if (index >= tableSize)
            {
                throw std::runtime_error("string index out of range");
            }
            const char* begin = at<char>(tableOffset, tableSize) + index;
            const void* end = std::memchr(begin, '\0', tableSize - index);
            if (end == nullptr)
            {
                throw std::runtime_error("unterminated string");
            }
            return std::string(begin, static_cast<const char*>(end));
        }

        std::size_t size() const { return bytes_.size(); }

    private:
        std::vector<char> bytes_;
    };

    const Elf64_Shdr* findSection(const Image& image, const Elf64_Ehdr& header, Elf64_Word type)
    {
        const auto* sections = image.at<Elf64_Shdr>(header.e_shoff, header.e_shnum);
        for (std::uint16_t i = 0; i < header.e_shnum; ++i)
        {
            if (sections[i].sh_type == type)
            {
                return &sections[i];
            }
        }
        return nullptr;
    }

    // Finds the Vernaux named `version`; also collects the dynamic symbols bound to it.
    Found findVersion(const Image& image, const std::string& version, std::vector<std::string>& symbols)
    {
        const auto& header = *image.at<Elf64_Ehdr>(0);
        if (std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0 || header.e_ident[EI_CLASS] != ELFCLASS64 ||
            header.e_ident[EI_DATA] != ELFDATA2LSB || header.e_shentsize != sizeof(Elf64_Shdr))
        {
            throw std::invalid_argument("not an ELF64 little-endian file");
        }

        Found found;
        const Elf64_Shdr* verneed = findSection(image, header, SHT_GNU_verneed);
        if (verneed == nullptr)
        {
            return found;
        }
        const auto* sections = image.at<Elf64_Shdr>(header.e_shoff, header.e_shnum);
        if (verneed->sh_link >= header.e_shnum)
        {
            throw std::runtime_error("bad .gnu.version_r link");
        }
        const Elf64_Shdr& strtab = sections[verneed->sh_link];

        std::uint64_t need = verneed->sh_offset;
        for (std::uint64_t n = 0; n < verneed->sh_info; ++n)
        {
            const auto& vn = *image.at<Elf64_Verneed>(need);
            std::uint64_t aux = need + vn.vn_aux;
            for (std::uint16_t a = 0; a < vn.vn_cnt; ++a)
            {
                const auto& va = *image.at<Elf64_Vernaux>(aux);
                if (image.string(strtab.sh_offset, strtab.sh_size, va.vna_name) == version)
                {
                    found.present = true;
                    found.flags = va.vna_flags;
                    found.index = va.vna_other;
                    found.flagsOffset = aux + offsetof(Elf64_Vernaux, vna_flags);
                }
                if (va.vna_next == 0)
                {
                    break;
                }
                aux += va.vna_next;
            }
            if (vn.vn_next == 0)
            {
                break;
            }
            need += vn.vn_next;
        }

        const Elf64_Shdr* versym = findSection(image, header, SHT_GNU_versym);
        const Elf64_Shdr* dynsym = findSection(image, header, SHT_DYNSYM);
        if (found.present && versym != nullptr && dynsym != nullptr && dynsym->sh_link < header.e_shnum)
        {
            const Elf64_Shdr& dynstr = sections[dynsym->sh_link];
            const std::uint64_t count = dynsym->sh_size / sizeof(Elf64_Sym);
            const auto* syms = image.at<Elf64_Sym>(dynsym->sh_offset, count);
            const auto* vers = image.at<Elf64_Half>(versym->sh_offset, count);
            for (std::uint64_t i = 0; i < count; ++i)
            {
                if ((vers[i] & 0x7fff) == found.index)
                {
                    symbols.push_back(image.string(dynstr.sh_offset, dynstr.sh_size, syms[i].st_name));
                }
            }
        }
        return found;
    }

    std::vector<char> readAll(const std::string& path)
    {
        std::ifstream in(path, std::ios::binary);
        if (!in)
        {
            throw std::runtime_error("cannot open " + path);
        }
        return std::vector<char>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
}

int main(int argc, char** argv)
{
    if (argc < 4 || (std::strcmp(argv[1], "query") != 0 && std::strcmp(argv[1], "weaken") != 0))
    {
        std::cerr << "usage: elf_verneed_weak query|weaken <file> <version> [allowed-symbol...]\n";
        return 1;
    }
    const std::string mode = argv[1];
    const std::string path = argv[2];
    const std::string version = argv[3];

    try
    {
        const Image image(readAll(path));
        std::vector<std::string> bound;
        const Found found = findVersion(image, version, bound);

        if (mode == "query")
        {
            std::cout << (!found.present ? "absent" : (found.flags & VER_FLG_WEAK) ? "weak" : "strong") << '\n';
            return 0;
        }

        if (!found.present)
        {
            std::cerr << path << " does not require " << version << '\n';
            return 1;
        }
        const std::set<std::string> allowed(argv + 4, argv + argc);
        bool refused = false;
        for (const auto& symbol : bound)
        {
            if (allowed.count(symbol) == 0)
            {
                std::cerr << path << ": symbol " << symbol << "@" << version << " is not provided by the shim\n";
                refused = true;
            }
        }
        if (refused)
        {
            return 3;
        }
        if (found.flags & VER_FLG_WEAK)
        {
            return 0;
        }

        const std::uint16_t flags = static_cast<std::uint16_t>(found.flags | VER_FLG_WEAK);
        std::fstream out(path, std::ios::binary | std::ios::in | std::ios::out);
        out.seekp(static_cast<std::streamoff>(found.flagsOffset));
        out.write(reinterpret_cast<const char*>(&flags), sizeof(flags));
        if (!out.flush())
        {
            std::cerr << "cannot write " << path << '\n';
            return 1;
        }
        return 0;
    }
    catch (const std::invalid_argument& e)
    {
        std::cerr << path << ": " << e.what() << '\n';
        return 2;
    }
    catch (const std::exception& e)
    {
        std::cerr << path << ": " << e.what() << '\n';
        return 1;
    }
}
