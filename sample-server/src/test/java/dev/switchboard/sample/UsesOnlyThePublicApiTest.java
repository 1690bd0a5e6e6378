package dev.switchboard.sample;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Code outside the framework reaches it only through its exported packages, never an internal one. */
@AnalyzeClasses(packages = "dev.switchboard.sample")
class UsesOnlyThePublicApiTest {
  @ArchTest
  static final ArchRule noInternalPackages = noClasses().should().dependOnClassesThat()
      .resideInAPackage("dev.switchboard.mcp..internal..")
      .because("the internal packages are not exported and may change in any release");
}
