package dev.bucketwarden.apiagent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ApiAgentApplication {

	public static void main(String[] args) {
		SpringApplication.run(ApiAgentApplication.class, args);
	}

}
